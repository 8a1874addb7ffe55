import { rmSync } from 'node:fs';
import { type ChatClient, type ChatMessage, createChatClient, guestAuth } from '@org/chat-sdk';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { startStack } from '../scripts/local-stack.mjs';
import { freshRoom } from './helpers.js';
import { testStackConfig } from './local-stack-config.js';

interface Stack {
  urls: { http: string; ws: string };
  stop(): Promise<void>;
}

// A private stack this test kills and restarts, as Ctrl-C on `npm start` and starting it again would.
const config = testStackConfig(300);
let stack: Stack | undefined;
const clients: ChatClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
  await stack?.stop();
  rmSync(config.dataDir, { recursive: true, force: true });
});

function client(name: string, urls: Stack['urls']): ChatClient {
  const made = createChatClient({
    wsUrl: urls.ws,
    httpUrl: urls.http,
    auth: guestAuth({ name }),
    // Tighter than the defaults so the test does not wait out a 30 s backoff cap.
    timing: { backoff: { baseMs: 200, capMs: 2000 } },
  });
  clients.push(made);
  return made;
}

describe('the whole local stack killed in mid-conversation', () => {
  it('loses no acked message and delivers every message sent during the outage exactly once', async () => {
    stack = (await startStack(config)) as Stack;
    const room = freshRoom('outage');
    const alice = client('Alice', stack.urls);
    const bob = client('Bob', stack.urls);
    await Promise.all([alice.connect(), bob.connect()]);
    const aliceRoom = await alice.join(room);
    const bobRoom = await bob.join(room);
    const bobSaw: ChatMessage[] = [];
    bobRoom.on('message', (m) => bobSaw.push(m));

    const before: ChatMessage[] = [];
    for (let i = 0; i < 5; i++) before.push(await aliceRoom.send(`before ${i}`));
    await expect.poll(() => bobSaw.length).toBe(5);

    await stack.stop();
    stack = undefined;
    await expect.poll(() => [alice.state, bob.state]).toEqual(['reconnecting', 'reconnecting']);
    let settled = 0;
    const during = [0, 1, 2].map((i) =>
      aliceRoom.send(`during ${i}`).then((m) => {
        settled++;
        return m;
      }),
    );
    expect(aliceRoom.outbox.map((o) => o.status)).toEqual(['sending', 'sending', 'sending']);

    stack = (await startStack(config)) as Stack;
    const sentDuring = await Promise.all(during);
    expect(settled).toBe(3);
    expect(alice.state).toBe('open');
    await expect.poll(() => bobSaw.length, { timeout: 20_000 }).toBe(8);
    expect(bobSaw.map((m) => m.text)).toEqual([...before, ...sentDuring].map((m) => m.text));
    expect(new Set(bobSaw.map((m) => m.id)).size).toBe(8);

    const page = await bobRoom.history({ limit: 50 });
    expect(page.messages.map((m) => m.text)).toEqual([
      'before 0',
      'before 1',
      'before 2',
      'before 3',
      'before 4',
      'during 0',
      'during 1',
      'during 2',
    ]);
    expect(aliceRoom.outbox).toEqual([]);
  }, 240_000);
});

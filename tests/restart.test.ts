import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { startStack } from '../scripts/local-stack.mjs';
import { FrameClient, freshRoom, openRaw } from './helpers.js';
import { testStackConfig } from './local-stack-config.js';

interface Stack {
  urls: { http: string; ws: string };
  stop(): Promise<void>;
}

// A second, private stack (ports apart from the shared one) that this test stops and starts again.
const config = testStackConfig(100);
let stack: Stack | undefined;
afterAll(async () => {
  await stack?.stop();
  rmSync(config.dataDir, { recursive: true, force: true });
});

describe('restarting the local stack', () => {
  it('keeps messages, the user pool and guest tokens valid across a stop and start', async () => {
    stack = (await startStack(config)) as Stack & { cognito: unknown };
    const firstPool = (stack as unknown as { cognito: unknown }).cognito;
    const room = freshRoom();
    const client = await FrameClient.connect(stack.urls, 'Persistent');
    const sent = await client.request({
      action: 'send',
      room,
      text: 'survives',
      id: 'restart-id-1',
      ref: 's',
    });
    client.close();
    await stack.stop();
    stack = undefined;

    stack = (await startStack(config)) as Stack;
    expect((stack as unknown as { cognito: unknown }).cognito).toEqual(firstPool);
    // The token issued before the restart is still accepted: the signing key is kept on disk.
    const socket = await openRaw(stack.urls.ws, ['chat.v1', client.session.token]);
    socket.close();
    const again = await FrameClient.connect(stack.urls, 'Reader');
    const page = await again.request({ action: 'history', room, ref: 'h' });
    again.close();
    expect(page).toMatchObject({ type: 'ack', messages: [(sent as { message: unknown }).message] });
  }, 240_000);
});

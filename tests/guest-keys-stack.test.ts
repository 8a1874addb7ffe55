// On a private stack of its own (ports apart from the shared one, a tight per-IP limit): a burst of
// POST /guest from one address, and a key rotation with guests connected, through the real command.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { createChatClient, guestAuth, type KeyValueStorage } from '@org/chat-sdk';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyId } from '../backend/src/auth/guest-keys.js';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { startStack } from '../scripts/local-stack.mjs';
import { stackGuestKey } from './guest-forge.js';
import { freshRoom, openRaw } from './helpers.js';
import { testStackConfig } from './local-stack-config.js';

interface Stack {
  urls: { http: string; ws: string };
  stop(): Promise<void>;
}

const LIMIT = 6;
const config = testStackConfig(600, { IP_LIMIT_REQUESTS: String(LIMIT), IP_LIMIT_WINDOW_SECONDS: '60' });
let stack: Stack | undefined;

beforeAll(async () => {
  stack = (await startStack(config)) as Stack;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(config.dataDir, { recursive: true, force: true });
});

const urls = () => (stack as Stack).urls;

/** An HTTP request sent from a chosen loopback address (127.0.0.0/8 is all loopback on Linux). */
function fromAddress(
  localAddress: string,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}> {
  const url = new URL(path, urls().http.replace('localhost', '127.0.0.1'));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        localAddress,
        headers: { 'content-type': 'application/json', ...init.headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: JSON.parse(text || '{}'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const postGuestFrom = (address: string, name = 'Burst') =>
  fromAddress(address, '/guest', { method: 'POST', body: JSON.stringify({ name }) });

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('POST /guest, GET /session and POST /link per source IP', () => {
  it('refuses a burst from one address with 429 rate_limited, retryAfterMs and Retry-After', async () => {
    // 2 × limit + 1: more than the limit falls in one fixed window even if the burst straddles two.
    const answers = await Promise.all(
      Array.from({ length: 2 * LIMIT + 1 }, () => postGuestFrom('127.0.0.2')),
    );
    const refused = answers.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(2 * LIMIT);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
    for (const answer of refused) {
      const error = answer.body.error as { code: string; message: string; retryAfterMs: number };
      expect(error.code).toBe('rate_limited');
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
      const retryAfter = Number(answer.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    // Another address is not affected.
    expect((await postGuestFrom('127.0.0.3')).status).toBe(200);
  });

  it('limits GET /session the same way, counted apart from POST /guest', async () => {
    const answers = await Promise.all(
      Array.from({ length: 2 * LIMIT + 1 }, () =>
        fromAddress('127.0.0.4', '/session', { headers: { authorization: 'Bearer x.y.z' } }),
      ),
    );
    expect(answers.some((answer) => answer.status === 429)).toBe(true);
    expect(answers.filter((answer) => answer.status === 401).length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true);
  });

  it('limits POST /link the same way, counted apart', async () => {
    const answers = await Promise.all(
      Array.from({ length: 2 * LIMIT + 1 }, () =>
        fromAddress('127.0.0.5', '/link', { method: 'POST', body: JSON.stringify({ guest: 'x.y.z' }) }),
      ),
    );
    expect(answers.some((answer) => answer.status === 429)).toBe(true);
    expect(answers.filter((answer) => answer.status === 401).length).toBeGreaterThan(0);
    expect(answers.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true);
  });
});

describe('rotating the guest-token key', () => {
  it('signs no connected guest out: their tokens keep working, new tokens carry the new kid', async () => {
    const oldKid = keyId(stackGuestKey(config.dataDir));
    const storage = memoryStorage();
    const client = createChatClient({
      wsUrl: urls().ws,
      httpUrl: urls().http,
      auth: guestAuth({ name: 'Ada', persist: true, storage }),
      timing: { backoff: { baseMs: 100, capMs: 1000 } },
    });
    try {
      await client.connect();
      const roomName = freshRoom('rotation');
      const room = await client.join(roomName);
      await room.send('before the rotation');
      const id = client.user?.id;
      const stored = () => JSON.parse([...storage.data.values()][0] as string) as { token: string };
      const token = stored().token;
      expect(decodeProtectedHeader(token).kid).toBe(oldKid);

      // The documented command, while the client is connected; the local stack reads keys at start.
      await (stack as Stack).stop();
      stack = undefined;
      execFileSync(process.execPath, [
        'deploy/guest-keys.mjs',
        'rotate',
        '--local',
        '--data-dir',
        config.dataDir,
      ]);
      stack = (await startStack(config)) as Stack;
      const newKid = keyId(stackGuestKey(config.dataDir));
      expect(newKid).not.toBe(oldKid);

      // The token issued before the rotation still opens a connection (the previous key), and the
      // client comes back by itself as the same guest (whether it reused that token or renewed it).
      (await openRaw(urls().ws, ['chat.v1', token])).close();
      await expect.poll(() => client.state, { timeout: 60_000 }).toBe('open');
      await expect(room.send('after the rotation')).resolves.toMatchObject({ sender: { id } });
      expect(client.user?.id).toBe(id);
      expect([oldKid, newKid]).toContain(decodeProtectedHeader(stored().token).kid);

      // New tokens carry the new key id; renewing the old token keeps the guest.
      const fresh = await fetch(`${urls().http}/guest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bo' }),
      }).then((response) => response.json() as Promise<{ token: string }>);
      expect(decodeProtectedHeader(fresh.token).kid).toBe(newKid);
      const renewed = await fetch(`${urls().http}/guest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ada', token }),
      }).then((response) => response.json() as Promise<{ token: string; user: { id: string } }>);
      expect(renewed.user.id).toBe(id);
      expect(decodeProtectedHeader(renewed.token).kid).toBe(newKid);
    } finally {
      client.close();
    }
  }, 300_000);
});

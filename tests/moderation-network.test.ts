import { rmSync } from 'node:fs';
import type { AckFrame, ErrorFrame, ServerFrame } from '@org/chat-sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { startStack } from '../scripts/local-stack.mjs';
import { FrameClient, freshRoom, guest, handshakeStatus, signedInUser, type UserTokens } from './helpers.js';
import { testStackConfig } from './local-stack-config.js';
import { asker, asUser, siteAdmin } from './moderation-helpers.js';
import type { StackUrls } from './stack-setup.js';

// A stack moderated like a production stage: a banned guest's network is banned for guests too (every
// client here shares 127.0.0.1, so this cannot run on the shared test stack), links and duplicates are
// checked by default, and the moderation hook fails closed.
const config = testStackConfig(700, {
  GUEST_NETWORK_BAN_HOURS: '24',
  MODERATION_LINKS: 'users',
  MODERATION_DUPLICATES: 'on',
  MODERATION_HOOK_FAILURE: 'closed',
});
let stack: { urls: StackUrls; cognito: { userPoolId: string; clientId: string }; stop(): Promise<void> };
const open: FrameClient[] = [];
const ask = asker('n');
let owner: UserTokens;
let admin: UserTokens;

beforeAll(async () => {
  stack = await startStack(config);
  [owner, admin] = (await Promise.all([
    signedInUser(stack.urls.cognito, stack.cognito),
    siteAdmin(stack.urls.cognito, stack.cognito),
  ])) as [UserTokens, UserTokens];
}, 180_000);
afterAll(async () => {
  for (const client of open) client.close();
  await stack?.stop();
  rmSync(config.dataDir, { recursive: true, force: true });
});

async function asGuest(name = 'Guest') {
  const client = await FrameClient.connect(stack.urls, name);
  open.push(client);
  return client;
}
const code = (frame: ServerFrame) => (frame as ErrorFrame).code ?? frame.type;
let sends = 0;
const send = (client: FrameClient, room: string, text: string) =>
  ask(client, { action: 'send', room, text, id: `net-send-${++sends}-${Date.now().toString(36)}` });

describe('a production-like moderation policy', () => {
  it('refuses guests’ links and repeated texts by default, and fails closed when the hook does', async () => {
    const visitor = await asGuest('Visitor');
    const room = freshRoom('policy');
    // The first call to the hook loads it: wait until a plain message goes through.
    await expect
      .poll(async () => code(await send(visitor, room, `hello ${sends}`)), { timeout: 30_000 })
      .toBe('ack');
    expect(code(await send(visitor, room, 'see https://example.com'))).toBe('link_not_allowed');
    expect(code(await send(visitor, room, 'same words'))).toBe('ack');
    expect(code(await send(visitor, room, 'Same words!'))).toBe('duplicate');
    expect(code(await send(visitor, room, 'wait for it [hook:slow]'))).toBe('moderation_unavailable');
  });

  it('keeps a banned guest’s network out of the room: a new guest identity cannot come straight back', async () => {
    const boss = await asUser(stack.urls.ws, owner, open);
    const room = freshRoom('netban');
    (await ask(boss, { action: 'create', room, visibility: 'public' })) as AckFrame;
    const spammer = await asGuest('Spammer');
    await ask(spammer, { action: 'join', room });
    expect(
      code(await ask(boss, { action: 'ban', room, user: spammer.session.user.id, durationSeconds: 600 })),
    ).toBe('ack');
    // A fresh guest identity from the same browser and network: refused in that room, not elsewhere.
    const again = await asGuest('Totally New');
    expect(again.session.user.id).not.toBe(spammer.session.user.id);
    expect(code(await ask(again, { action: 'join', room }))).toBe('banned');
    expect(code(await send(again, room, 'me again'))).toBe('banned');
    expect(code(await ask(again, { action: 'join', room: freshRoom('elsewhere') }))).toBe('ack');
    // Signed-in users on that network are not guests: not affected.
    expect(code(await ask(await asUser(stack.urls.ws, admin, open), { action: 'join', room }))).toBe('ack');
    // Lifting the ban frees the network too.
    expect(code(await ask(boss, { action: 'unban', room, user: spammer.session.user.id }))).toBe('ack');
    expect(code(await ask(again, { action: 'join', room }))).toBe('ack');
  });

  it('keeps a guest banned site-wide, and new guests from its network, from connecting at all', async () => {
    const root = await asUser(stack.urls.ws, admin, open);
    const spammer = await asGuest('Everywhere');
    const closed = new Promise((resolve) => spammer.socket.once('close', resolve));
    expect(
      code(await ask(root, { action: 'ban', user: spammer.session.user.id, durationSeconds: 600 })),
    ).toBe('ack');
    await closed;
    expect(await handshakeStatus(stack.urls.ws, ['chat.v1', spammer.session.token])).toBe(403);
    const fresh = await guest(stack.urls.http, 'Fresh Start');
    expect(await handshakeStatus(stack.urls.ws, ['chat.v1', fresh.token])).toBe(403);
    // A signed-in user on the same network still connects.
    expect(await handshakeStatus(stack.urls.ws, ['chat.v1', owner.idToken])).toBe(101);
    expect(code(await ask(root, { action: 'unban', user: spammer.session.user.id }))).toBe('ack');
    expect(await handshakeStatus(stack.urls.ws, ['chat.v1', fresh.token])).toBe(101);
  });
});

import type { ServerFrame } from '@org/chat-sdk/protocol';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  connectWithToken,
  FrameClient,
  freshRoom,
  guest,
  handshakeStatus,
  openRaw,
  signedInUser,
} from './helpers.js';
import { TEST_LIMITS } from './stack-setup.js';

const urls = inject('stack');
const open: FrameClient[] = [];
afterEach(() => {
  for (const client of open.splice(0)) client.close();
});

async function guestClient() {
  const client = await FrameClient.connect(urls, 'Limited');
  open.push(client);
  return client;
}

/** Another socket on the same token: the same identity. */
async function sameIdentity(token: string) {
  const client = FrameClient.fromSocket(await openRaw(urls.ws, ['chat.v1', token]));
  open.push(client);
  return client;
}

const GUEST_LIMIT = Number(TEST_LIMITS.RATE_LIMIT_GUEST);

/**
 * A burst that must break a fixed-window limit wherever the window boundary falls: split across two
 * windows (it lasts far less than one), one of them still gets more than `limit` frames.
 */
function burstOverLimit(limit: number): number {
  return 2 * limit + 1;
}

/** A cheap frame that goes through a function (ping does not: the gateway answers it). */
const probe = (ref: string) => ({ action: 'history', room: 'limits-probe', limit: 1, ref });

const refusals = (frames: ServerFrame[]) =>
  frames.filter((f) => f.type === 'error' && f.code === 'rate_limited') as (ServerFrame & {
    retryAfterMs: number;
  })[];

describe('limits', () => {
  it('answers frames past the rate limit with rate_limited and a retry hint, never silently', async () => {
    const client = await guestClient();
    const answers = await Promise.all(
      Array.from({ length: burstOverLimit(GUEST_LIMIT) }, (_, i) => client.request(probe(`burst-${i}`))),
    );
    // Every frame got an answer; those over the limit (a window may split the burst) were refused.
    expect(answers).toHaveLength(burstOverLimit(GUEST_LIMIT));
    const limited = refusals(answers);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(answers.filter((a) => a.type === 'ack').length).toBeLessThanOrEqual(2 * GUEST_LIMIT);
    for (const refusal of limited) {
      expect(refusal.retryAfterMs).toBeGreaterThan(0);
      expect(refusal.retryAfterMs).toBeLessThanOrEqual(10_000);
    }
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });

  it('counts one identity across all its sockets: more sockets buy no more frames', async () => {
    const first = await guestClient();
    const second = await sameIdentity(first.session.token);
    const half = Math.ceil(burstOverLimit(GUEST_LIMIT) / 2);
    const answers = await Promise.all(
      Array.from({ length: half }, (_, i) => [
        first.request(probe(`a-${i}`)),
        second.request(probe(`b-${i}`)),
      ]).flat(),
    );
    expect(refusals(answers).length).toBeGreaterThanOrEqual(1);
    expect(answers.filter((a) => a.type === 'ack').length).toBeLessThanOrEqual(2 * GUEST_LIMIT);
  });

  it('counts garbage frames too', async () => {
    const client = await guestClient();
    for (let i = 0; i < burstOverLimit(GUEST_LIMIT); i++) client.send('garbage');
    await expect.poll(() => refusals(client.frames).length).toBeGreaterThan(0);
  });

  it('counts malformed frames sent to every named route', async () => {
    for (const action of [
      'join',
      'send',
      'history',
      'leave',
      'typing',
      'create',
      'add_member',
      'remove_member',
    ]) {
      const client = await guestClient();
      for (let i = 0; i < burstOverLimit(GUEST_LIMIT); i++) client.send({ action, room: 'x', bogus: i });
      await expect.poll(() => refusals(client.frames).length, { message: action }).toBeGreaterThan(0);
      client.close();
    }
  });

  it('closes the socket of an identity that keeps sending far past its limit', async () => {
    const client = await guestClient();
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    // Six limits' worth: split by a window boundary, one window still holds over three.
    for (let i = 0; i < 6 * GUEST_LIMIT + 1; i++) client.send('garbage');
    await expect(closed).resolves.toBeTypeOf('number');
    expect(refusals(client.frames).length).toBeGreaterThan(0);
  });

  it('holds users to a looser rate than guests', async () => {
    const user = await signedInUser(urls.cognito, inject('cognito'));
    const client = await connectWithToken(urls.ws, user.idToken);
    open.push(client);
    const burst = GUEST_LIMIT + 10;
    const answers = await Promise.all(
      Array.from({ length: burst }, (_, i) => client.request(probe(`u-${i}`))),
    );
    expect(answers.every((a) => a.type === 'ack')).toBe(true);
  });

  it('refuses a handshake past the connections one identity may hold, and admits it again after one closes', async () => {
    const session = await guest(urls.http, 'Many sockets');
    const max = Number(TEST_LIMITS.MAX_CONNECTIONS_GUEST);
    const sockets = [];
    for (let i = 0; i < max; i++) sockets.push(await sameIdentity(session.token));
    expect(await handshakeStatus(urls.ws, ['chat.v1', session.token])).toBe(429);
    const closing = sockets[0] as FrameClient;
    const gone = new Promise((resolve) => closing.socket.once('close', resolve));
    closing.close();
    await gone;
    await expect.poll(() => handshakeStatus(urls.ws, ['chat.v1', session.token])).toBe(101);
  });

  it('caps the rooms one guest connection may join, and frees a slot on leave', async () => {
    const client = await guestClient();
    const max = Number(TEST_LIMITS.MAX_ROOMS_GUEST);
    const rooms = Array.from({ length: max + 1 }, () => freshRoom('cap'));
    for (const room of rooms.slice(0, max)) {
      expect(await client.request({ action: 'join', room, ref: `j-${room}` })).toMatchObject({ type: 'ack' });
    }
    // Joining a room it already has is not a new slot.
    expect(await client.request({ action: 'join', room: rooms[0], ref: 'again' })).toMatchObject({
      type: 'ack',
    });
    const refused = await client.request({ action: 'join', room: rooms[max], ref: 'one-too-many' });
    expect(refused).toMatchObject({ type: 'error', code: 'forbidden' });
    expect((refused as { message: string }).message).toMatch(`at most ${max} rooms`);
    expect(await client.request({ action: 'leave', room: rooms[0], ref: 'leave' })).toMatchObject({
      type: 'ack',
    });
    expect(await client.request({ action: 'join', room: rooms[max], ref: 'now-fits' })).toMatchObject({
      type: 'ack',
    });
  });
});

import { afterEach, describe, expect, inject, it } from 'vitest';
import { connectWithToken, FrameClient, freshRoom, signedInUser } from './helpers.js';
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

/**
 * A burst that must break a fixed-window limit wherever the window boundary falls: split across two
 * windows (it lasts far less than one), one of them still gets more than `limit` frames.
 */
function burstOverLimit(limit: number): number {
  return 2 * limit + 1;
}

describe('limits', () => {
  it('answers frames past the rate limit with rate_limited and a retry hint, never silently', async () => {
    const client = await guestClient();
    const limit = Number(TEST_LIMITS.RATE_LIMIT_GUEST);
    const answers = await Promise.all(
      Array.from({ length: burstOverLimit(limit) }, (_, i) =>
        client.request({ action: 'ping', ref: `burst-${i}` }),
      ),
    );
    const limited = answers.filter((a) => a.type === 'error');
    // Every frame got an answer; those over the limit (a window may split the burst) were refused.
    expect(answers).toHaveLength(burstOverLimit(limit));
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(answers.filter((a) => a.type === 'pong').length).toBeLessThanOrEqual(2 * limit);
    for (const refusal of limited) {
      expect(refusal).toMatchObject({
        type: 'error',
        code: 'rate_limited',
        retryAfterMs: expect.any(Number),
      });
      expect((refusal as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
      expect((refusal as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(10_000);
    }
    expect(client.socket.readyState).toBe(client.socket.OPEN);
  });

  it('counts garbage frames too', async () => {
    const client = await guestClient();
    const limit = Number(TEST_LIMITS.RATE_LIMIT_GUEST);
    for (let i = 0; i < burstOverLimit(limit); i++) client.send('garbage');
    await expect
      .poll(() => client.frames.filter((f) => f.type === 'error' && f.code === 'rate_limited').length)
      .toBeGreaterThan(0);
  });

  it('holds users to a looser rate than guests', async () => {
    const user = await signedInUser(urls.cognito, inject('cognito'));
    const client = await connectWithToken(urls.ws, user.idToken);
    open.push(client);
    const burst = Number(TEST_LIMITS.RATE_LIMIT_GUEST) + 10;
    const answers = await Promise.all(
      Array.from({ length: burst }, (_, i) => client.request({ action: 'ping', ref: `user-burst-${i}` })),
    );
    expect(answers.every((a) => a.type === 'pong')).toBe(true);
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

import { decodeJwt, decodeProtectedHeader, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { newGuestId } from '../chat/ids.js';
import { keyId, parseGuestKeys } from './guest-keys.js';
import { renewableGuest, signGuestToken, verifyGuestToken } from './guest-token.js';
import { TokenRefused } from './token-refused.js';

const OLD = 'an-old-test-secret-that-is-long-enough-0';
const NEW = 'a-new-test-secret-that-is-long-enough-11';
const ring = parseGuestKeys(OLD);
const rotated = parseGuestKeys(JSON.stringify({ current: NEW, previous: OLD }));
const DAY = 24 * 3600;
const times = { ttlSeconds: 600, identityMaxAgeSeconds: 30 * DAY };
const identity = { id: newGuestId(), name: 'Ada' };

/** Claims of a guest token as we sign them, for tests that sign variants themselves. */
function claims(sub: string = identity.id) {
  return new SignJWT({ name: 'Ada', orig_iat: Math.floor(Date.now() / 1000) })
    .setIssuer('org-chat')
    .setAudience('chat.v1:guest')
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m');
}
const secretOf = (key: string) => new TextEncoder().encode(key);

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return error instanceof TokenRefused ? error.reason : `not refused: ${String(error)}`;
  }
  return undefined;
}

describe('guest tokens', () => {
  it('round-trips the identity of a signed token, with the key id in the header', async () => {
    const { token, expiresAt } = await signGuestToken(identity, ring, times);
    expect(expiresAt).toBeGreaterThan(Date.now() + 590_000);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', kid: keyId(OLD) });
    await expect(verifyGuestToken(token, ring)).resolves.toEqual({
      identity: { id: identity.id, name: 'Ada', guest: true },
      expiresAt,
    });
  });

  it('refuses an expired token as expired', async () => {
    const { token } = await signGuestToken(
      identity,
      ring,
      { ...times, ttlSeconds: 60 },
      Date.now() - 3_600_000,
    );
    expect(await reasonOf(verifyGuestToken(token, ring))).toBe('expired');
  });

  it('refuses a token signed with another key, even under a known kid', async () => {
    const forged = await claims()
      .setProtectedHeader({ alg: 'HS256', kid: keyId(OLD) })
      .sign(secretOf('another-secret-that-is-long-enough-1111'));
    expect(await reasonOf(verifyGuestToken(forged, ring))).toBe('invalid');
  });

  it('refuses a token without a kid or with an unknown one', async () => {
    const noKid = await claims().setProtectedHeader({ alg: 'HS256' }).sign(secretOf(OLD));
    const unknown = await claims().setProtectedHeader({ alg: 'HS256', kid: 'nope' }).sign(secretOf(OLD));
    expect(await reasonOf(verifyGuestToken(noKid, ring))).toBe('invalid');
    expect(await reasonOf(verifyGuestToken(unknown, ring))).toBe('invalid');
  });

  it('refuses an unsigned (alg: none) token with valid claims', async () => {
    const token = new UnsecuredJWT({ name: 'Ada' })
      .setIssuer('org-chat')
      .setAudience('chat.v1:guest')
      .setSubject(identity.id)
      .setExpirationTime('10m')
      .encode();
    expect(await reasonOf(verifyGuestToken(token, ring))).toBe('invalid');
  });

  it('refuses a token for another audience, even with the right key', async () => {
    const token = await claims()
      .setAudience('something-else')
      .setProtectedHeader({ alg: 'HS256', kid: keyId(OLD) })
      .sign(secretOf(OLD));
    expect(await reasonOf(verifyGuestToken(token, ring))).toBe('invalid');
  });

  it.each([
    ['a Cognito-style UUID', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['a made-up guest id', 'guest_admin'],
    ['a guest id with an uppercase UUID', `guest_${'0F8FAD5B-D9CB-469F-A165-70867728950E'}`],
  ])('refuses a correctly signed token whose subject is %s, not a guest id', async (_case, sub) => {
    const token = await claims(sub)
      .setProtectedHeader({ alg: 'HS256', kid: keyId(OLD) })
      .sign(secretOf(OLD));
    expect(await reasonOf(verifyGuestToken(token, ring))).toBe('invalid');
  });

  it('refuses garbage', async () => {
    expect(await reasonOf(verifyGuestToken('not.a.jwt', ring))).toBe('invalid');
  });

  it('shows a neutral name for a token whose name breaks today’s rules', async () => {
    const token = await new SignJWT({ name: 'Sup\u200Bport' })
      .setIssuer('org-chat')
      .setAudience('chat.v1:guest')
      .setSubject(identity.id)
      .setExpirationTime('10m')
      .setProtectedHeader({ alg: 'HS256', kid: keyId(OLD) })
      .sign(secretOf(OLD));
    expect((await verifyGuestToken(token, ring)).identity.name).toBe('Guest');
  });
});

describe('key rotation', () => {
  it('accepts tokens of the previous key after a rotation, and signs new ones with the new key', async () => {
    const before = await signGuestToken(identity, ring, times);
    await expect(verifyGuestToken(before.token, rotated)).resolves.toMatchObject({
      identity: { id: identity.id },
    });
    const after = await signGuestToken(identity, rotated, times);
    expect(decodeProtectedHeader(after.token).kid).toBe(keyId(NEW));
    expect(keyId(NEW)).not.toBe(keyId(OLD));
  });

  it('drops the key two rotations back', async () => {
    const oldest = await signGuestToken(identity, ring, times);
    const twice = parseGuestKeys(JSON.stringify({ current: `${NEW}-third`, previous: NEW }));
    expect(await reasonOf(verifyGuestToken(oldest.token, twice))).toBe('invalid');
  });

  it('refuses weak keys and malformed key JSON at start', () => {
    expect(() => parseGuestKeys('short')).toThrow(/32/);
    expect(() => parseGuestKeys(JSON.stringify({ current: NEW, previous: 'short' }))).toThrow(/32/);
    expect(() => parseGuestKeys('{"current":')).toThrow(/JSON/);
    expect(() => parseGuestKeys(JSON.stringify({ previous: NEW }))).toThrow(/current/);
    expect(parseGuestKeys(JSON.stringify({ current: NEW, previous: '' })).previous).toBeUndefined();
  });
});

describe('renewal, bounded from the first issue', () => {
  const now = Date.now();
  const nowSeconds = Math.floor(now / 1000);

  it('keeps the id and the first issue time of a token, even expired, within the bound', async () => {
    const firstIssuedAt = nowSeconds - 10 * DAY;
    const { token } = await signGuestToken(identity, ring, { ...times, firstIssuedAt }, now - 2 * DAY * 1000);
    expect(await renewableGuest(token, rotated, 30 * DAY, now)).toEqual({ id: identity.id, firstIssuedAt });
    const renewed = await signGuestToken(identity, rotated, { ...times, firstIssuedAt }, now);
    expect(decodeJwt(renewed.token).orig_iat).toBe(firstIssuedAt);
  });

  it('makes no token outlive the bound, and refuses renewal past it', async () => {
    const firstIssuedAt = nowSeconds - 30 * DAY + 300;
    const last = await signGuestToken(identity, ring, { ...times, ttlSeconds: 3600, firstIssuedAt }, now);
    expect(last.expiresAt).toBe((firstIssuedAt + 30 * DAY) * 1000);
    expect(await renewableGuest(last.token, ring, 30 * DAY, now + 300_000)).toBeUndefined();
  });

  it('follows the configured bound', async () => {
    const { token } = await signGuestToken(
      identity,
      ring,
      { ...times, firstIssuedAt: nowSeconds - 2 * DAY },
      now,
    );
    expect(await renewableGuest(token, ring, 30 * DAY, now)).toBeDefined();
    expect(await renewableGuest(token, ring, DAY, now)).toBeUndefined();
  });

  it('refuses renewal of a token without a first issue time, with a first issue in the future, or forged', async () => {
    const noFirst = await new SignJWT({ name: 'Ada' })
      .setIssuer('org-chat')
      .setAudience('chat.v1:guest')
      .setSubject(identity.id)
      .setExpirationTime('10m')
      .setProtectedHeader({ alg: 'HS256', kid: keyId(OLD) })
      .sign(secretOf(OLD));
    expect(await renewableGuest(noFirst, ring, 30 * DAY, now)).toBeUndefined();
    const future = await signGuestToken(identity, ring, { ...times, firstIssuedAt: nowSeconds + DAY }, now);
    expect(await renewableGuest(future.token, ring, 30 * DAY, now)).toBeUndefined();
    const forged = await claims()
      .setProtectedHeader({ alg: 'HS256', kid: keyId(OLD) })
      .sign(secretOf(NEW));
    expect(await renewableGuest(forged, ring, 30 * DAY, now)).toBeUndefined();
  });
});

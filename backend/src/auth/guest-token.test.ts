import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signGuestToken, verifyGuestToken } from './guest-token.js';

const SECRET = 'a-test-secret-that-is-long-enough-000';
const identity = { id: 'guest_1', name: 'Ada' };

describe('guest tokens', () => {
  it('round-trips the identity of a signed token', async () => {
    const { token, expiresAt } = await signGuestToken(identity, SECRET, 600);
    expect(expiresAt).toBeGreaterThan(Date.now() + 590_000);
    await expect(verifyGuestToken(token, SECRET)).resolves.toEqual({
      id: 'guest_1',
      name: 'Ada',
      guest: true,
    });
  });

  it('refuses an expired token', async () => {
    const { token } = await signGuestToken(identity, SECRET, 60, Date.now() - 3_600_000);
    await expect(verifyGuestToken(token, SECRET)).rejects.toThrow(/exp/);
  });

  it('refuses a token signed with another key', async () => {
    const { token } = await signGuestToken(identity, 'another-secret-that-is-long-enough-11', 600);
    await expect(verifyGuestToken(token, SECRET)).rejects.toThrow();
  });

  it('refuses an unsigned (alg: none) token with valid claims', async () => {
    const token = new UnsecuredJWT({ name: 'Ada' })
      .setIssuer('org-chat')
      .setAudience('chat.v1:guest')
      .setSubject('guest_1')
      .setExpirationTime('10m')
      .encode();
    await expect(verifyGuestToken(token, SECRET)).rejects.toThrow();
  });

  it('refuses a token for another audience, even with the right key', async () => {
    const token = await new SignJWT({ name: 'Ada' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('org-chat')
      .setAudience('something-else')
      .setSubject('guest_1')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyGuestToken(token, SECRET)).rejects.toThrow(/aud/);
  });

  it('refuses garbage', async () => {
    await expect(verifyGuestToken('not.a.jwt', SECRET)).rejects.toThrow();
  });
});

import { UnsecuredJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { forgeGuestToken, guestId, stackGuestKey } from './guest-forge.js';
import { guest, handshakeStatus, openRaw } from './helpers.js';

const { http, ws } = inject('stack');
const secret = stackGuestKey(inject('stackDataDir'));

const refusal = (protocols: string[]) => handshakeStatus(ws, protocols);

describe('$connect authorizer', () => {
  it('accepts a valid guest token and selects chat.v1', async () => {
    const session = await guest(http, 'Ada');
    const socket = await openRaw(ws, ['chat.v1', session.token]);
    expect(socket.protocol).toBe('chat.v1');
    socket.close();
  });

  it('refuses a connection with no token', async () => {
    expect(await refusal(['chat.v1'])).toBe(401);
    expect(await refusal([])).toBe(401);
  });

  it('refuses a malformed token', async () => {
    expect(await refusal(['chat.v1', 'not-a-token'])).toBe(401);
  });

  it('refuses a forged token (signed with another key)', async () => {
    const forged = await forgeGuestToken('forged-secret-forged-secret-forged-0');
    expect(await refusal(['chat.v1', forged])).toBe(401);
    // Even under the real key's id.
    const underRealKid = await forgeGuestToken('forged-secret-forged-secret-forged-0', {
      kid: (await import('../backend/src/auth/guest-keys.js')).keyId(secret),
    });
    expect(await refusal(['chat.v1', underRealKid])).toBe(401);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const unsigned = new UnsecuredJWT({ name: 'Mallory' })
      .setIssuer('org-chat')
      .setAudience('chat.v1:guest')
      .setSubject(guestId())
      .setExpirationTime('10m')
      .encode();
    expect(await refusal(['chat.v1', unsigned])).toBe(401);
  });

  it('refuses an expired token signed with the real key', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await forgeGuestToken(secret, { iat: past - 60, exp: past });
    expect(await refusal(['chat.v1', expired])).toBe(401);
  });

  it("accepts a token signed with the real key while it is valid (the key is the stack's)", async () => {
    expect(await refusal(['chat.v1', await forgeGuestToken(secret)])).toBe(101);
  });

  it('refuses a real-key token without a key id in its header', async () => {
    expect(await refusal(['chat.v1', await forgeGuestToken(secret, { kid: null })])).toBe(401);
  });

  it('refuses a real-key guest token whose subject is not a guest id (e.g. a user id)', async () => {
    for (const sub of ['guest_mallory', '0f8fad5b-d9cb-469f-a165-70867728950e', 'admin']) {
      expect(await refusal(['chat.v1', await forgeGuestToken(secret, { sub })]), sub).toBe(401);
    }
  });
});

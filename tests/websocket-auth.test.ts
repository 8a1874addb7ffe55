import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { guest, handshakeStatus, openRaw } from './helpers.js';

const { http, ws } = inject('stack');
const secret = readFileSync(join(inject('stackDataDir'), 'guest-token-secret'), 'utf8').trim();

function claims() {
  return new SignJWT({ name: 'Mallory' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('org-chat')
    .setAudience('chat.v1:guest')
    .setSubject('guest_mallory');
}

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
    const forged = await claims()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('forged-secret-forged-secret-forged-0'));
    expect(await refusal(['chat.v1', forged])).toBe(401);
  });

  it('refuses an unsigned token (alg: none)', async () => {
    const unsigned = new UnsecuredJWT({ name: 'Mallory' })
      .setIssuer('org-chat')
      .setAudience('chat.v1:guest')
      .setSubject('guest_mallory')
      .setExpirationTime('10m')
      .encode();
    expect(await refusal(['chat.v1', unsigned])).toBe(401);
  });

  it('refuses an expired token signed with the real key', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await claims()
      .setIssuedAt(past - 60)
      .setExpirationTime(past)
      .sign(new TextEncoder().encode(secret));
    expect(await refusal(['chat.v1', expired])).toBe(401);
  });

  it("accepts a token signed with the real key while it is valid (the key is the stack's)", async () => {
    const valid = await claims().setExpirationTime('10m').sign(new TextEncoder().encode(secret));
    expect(await refusal(['chat.v1', valid])).toBe(101);
  });
});

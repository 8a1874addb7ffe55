import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { keyId } from '../backend/src/auth/guest-keys.js';
import { forgeGuestToken, guestId, stackGuestKey } from './guest-forge.js';

const { http } = inject('stack');
const secret = stackGuestKey(inject('stackDataDir'));
const DAY = 24 * 3600;

async function postGuest(body: string, contentType = 'application/json') {
  const response = await fetch(`${http}/guest`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /guest', () => {
  it('issues a token, a server-made id and the validated name', async () => {
    const { status, body } = await postGuest(JSON.stringify({ name: '  Ada  ' }));
    expect(status).toBe(200);
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.user).toEqual({ id: expect.stringMatching(/^guest_/), name: 'Ada', guest: true });
    expect(body.expiresAt).toBeGreaterThan(Date.now());
  });

  it('ignores an id the client tries to choose', async () => {
    const { body } = await postGuest(JSON.stringify({ name: 'Eve', id: 'admin' }));
    expect((body.user as { id: string }).id).not.toBe('admin');
  });

  it.each([
    ['not JSON', '{name:'],
    ['an array', '["Ada"]'],
    ['no name', '{}'],
    ['a number as name', '{"name":42}'],
    ['an empty name', '{"name":"  "}'],
    ['a control character', '{"name":"Ada\\u0007"}'],
    ['a name over 40 characters', JSON.stringify({ name: 'x'.repeat(41) })],
  ])('answers 400 with a JSON error for %s', async (_case, body) => {
    const result = await postGuest(body);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: { code: 'invalid', message: expect.any(String) } });
  });

  // One name per class of character that draws nothing or reorders text, each posing as "Support".
  it.each([
    ['a zero-width space', 'Sup\u200Bport'],
    ['a zero-width non-joiner', 'Sup\u200Cport'],
    ['a zero-width joiner', 'Sup\u200Dport'],
    ['a word joiner', 'Sup\u2060port'],
    ['a BOM (zero-width no-break space)', '\uFEFFSupport'],
    ['a soft hyphen', 'Sup\u00ADport'],
    ['an invisible separator', 'Sup\u2063port'],
    ['a Hangul filler', 'Support\u3164'],
    ['a halfwidth Hangul filler', '\uFFA0Support'],
    ['a tag character', 'Support\u{E0041}'],
    ['a lone variation selector', 'Sup\uFE0Fport'],
    ['a left-to-right mark', 'Support\u200E'],
    ['a right-to-left mark', '\u200FSupport'],
    ['an Arabic letter mark', 'Sup\u061Cport'],
    ['a right-to-left override', '\u202Etroppus'],
    ['a right-to-left isolate', '\u2067Support\u2069'],
    ['a lone surrogate', 'Support\uD800'],
    ['a C1 control character', 'Support\u0085'],
    ['only a Hangul filler', '\u3164'],
  ])('refuses a name with %s (400 invalid)', async (_case, name) => {
    const result = await postGuest(JSON.stringify({ name }));
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: { code: 'invalid', message: expect.any(String) } });
  });

  it('NFC-normalises names and counts them in code points', async () => {
    const { body } = await postGuest(JSON.stringify({ name: 'Zoe\u0301 \u{1F469}\u200D\u{1F4BB}' }));
    expect((body.user as { name: string }).name).toBe('Zo\u00E9 \u{1F469}\u200D\u{1F4BB}');
    const astral = await postGuest(JSON.stringify({ name: '\u{1F600}'.repeat(40) }));
    expect(astral.status).toBe(200);
    expect((await postGuest(JSON.stringify({ name: '\u{1F600}'.repeat(41) }))).status).toBe(400);
  });

  it('signs with the current key: its id in the header, a guest-shaped subject', async () => {
    const { body } = await postGuest(JSON.stringify({ name: 'Ada' }));
    const token = body.token as string;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', kid: keyId(secret) });
    const claims = decodeJwt(token);
    expect(claims.sub).toMatch(/^guest_[0-9a-f-]{36}$/);
    expect(claims.orig_iat).toBe(claims.iat);
  });

  it('renews an identity within its bound, keeping its id and first issue, even from an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const id = guestId();
    const origIat = now - 20 * DAY;
    const expired = await forgeGuestToken(secret, { sub: id, origIat, iat: now - 2 * DAY, exp: now - DAY });
    const { status, body } = await postGuest(JSON.stringify({ name: 'Ada', token: expired }));
    expect(status).toBe(200);
    expect((body.user as { id: string }).id).toBe(id);
    expect(decodeJwt(body.token as string).orig_iat).toBe(origIat);
  });

  it('makes a new guest when the identity is past its bound (30 days from its first issue)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const id = guestId();
    // Still within its own expiry, but its identity was first issued 31 days ago.
    const old = await forgeGuestToken(secret, {
      sub: id,
      origIat: now - 31 * DAY,
      iat: now - 60,
      exp: now + 600,
    });
    const { body } = await postGuest(JSON.stringify({ name: 'Ada', token: old }));
    expect((body.user as { id: string }).id).not.toBe(id);
    expect(decodeJwt(body.token as string).orig_iat).toBe(decodeJwt(body.token as string).iat);
  });

  it('never lets a renewal outlive the bound: the last token expires with the identity', async () => {
    const now = Math.floor(Date.now() / 1000);
    const origIat = now - 30 * DAY + 600;
    const token = await forgeGuestToken(secret, { origIat, iat: now - 60 });
    const { body } = await postGuest(JSON.stringify({ name: 'Ada', token }));
    expect(body.expiresAt).toBe((origIat + 30 * DAY) * 1000);
  });

  it('makes a new guest for a token it cannot trust: forged, without a first issue, or not a guest id', async () => {
    const id = guestId();
    for (const token of [
      await forgeGuestToken('forged-secret-forged-secret-forged-0', { sub: id }),
      await forgeGuestToken(secret, { sub: id, origIat: null }),
      await forgeGuestToken(secret, { sub: 'guest_admin' }),
    ]) {
      const { body } = await postGuest(JSON.stringify({ name: 'Ada', token }));
      expect((body.user as { id: string }).id).not.toMatch(/^guest_admin$/);
      expect((body.user as { id: string }).id).not.toBe(id);
    }
  });

  it('answers /health', async () => {
    const response = await fetch(`${http}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

// GET /session: the HTTP check of a token that browsers need, since they never see a refused
// handshake's 401. It must agree with $connect on every token, and say why a token is refused.
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { forgeGuestToken, guestId, stackGuestKey } from './guest-forge.js';
import { guest, handshakeStatus, signedInUser, type UserTokens } from './helpers.js';

const urls = inject('stack');
const pool = inject('cognito');
const secret = stackGuestKey(inject('stackDataDir'));
let user: UserTokens;

beforeAll(async () => {
  user = await signedInUser(urls.cognito, pool);
});

async function session(authorization?: string) {
  const response = await fetch(`${urls.http}/session`, {
    headers: authorization === undefined ? {} : { authorization },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const bearer = (token: string) => session(`Bearer ${token}`);
const handshake = (token: string) => handshakeStatus(urls.ws, ['chat.v1', token]);

describe('GET /session', () => {
  it('answers 200 with the user and expiry for a guest token $connect accepts', async () => {
    const guestSession = await guest(urls.http, 'Ada');
    const { status, body, headers } = await bearer(guestSession.token);
    expect(status).toBe(200);
    expect(body).toEqual({ user: guestSession.user, expiresAt: guestSession.expiresAt });
    expect(headers.get('cache-control')).toBe('no-store');
    expect(await handshake(guestSession.token)).toBe(101);
  });

  it('answers 200 for Cognito ID and access tokens of the app client', async () => {
    for (const token of [user.idToken, user.accessToken]) {
      const { status, body } = await bearer(token);
      expect(status).toBe(200);
      expect(body).toMatchObject({ user: { id: user.sub, name: 'User', guest: false } });
      expect(body.expiresAt).toBeGreaterThan(Date.now());
    }
  });

  it('says `expired` for a genuine token past its expiry, and $connect refuses it too', async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await forgeGuestToken(secret, { iat: past - 600, exp: past });
    expect(await bearer(expired)).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', reason: 'expired', message: expect.any(String) } },
    });
    expect(await handshake(expired)).toBe(401);
  });

  it.each([
    ['a token signed with another key', () => forgeGuestToken('forged-secret-forged-secret-forged-0')],
    [
      'an expired token signed with another key (no expiry oracle for forgeries)',
      () =>
        forgeGuestToken('forged-secret-forged-secret-forged-0', { exp: Math.floor(Date.now() / 1000) - 60 }),
    ],
    ['a real-key token without a key id', () => forgeGuestToken(secret, { kid: null })],
    ['a real-key token whose subject is not a guest id', () => forgeGuestToken(secret, { sub: 'admin' })],
    ['a Cognito refresh token', async () => user.refreshToken],
    ['garbage', async () => 'not-a-token'],
  ])('says `invalid` for %s, and $connect refuses it too', async (_case, make) => {
    const token = await make();
    expect(await bearer(token)).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized', reason: 'invalid' } },
    });
    expect(await handshake(token)).toBe(401);
  });

  it('keeps which check failed to itself: one message for every invalid token', async () => {
    const messages = new Set<unknown>();
    for (const token of [await forgeGuestToken(secret, { kid: null }), 'x.y.z', user.refreshToken]) {
      messages.add(((await bearer(token)).body.error as { message: string }).message);
    }
    expect(messages.size).toBe(1);
  });

  it('says `invalid` without a bearer token', async () => {
    for (const header of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b']) {
      expect(await session(header), String(header)).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthorized', reason: 'invalid' } },
      });
    }
  });

  it('never lets the guest key mint a user: HS256 with the pool issuer is invalid', async () => {
    const forged = await new SignJWT({ token_use: 'id', aud: pool.clientId })
      .setProtectedHeader({ alg: 'HS256', kid: 'CognitoLocal' })
      .setIssuer(`${urls.cognito}/${pool.userPoolId}`)
      .setSubject(guestId())
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(secret));
    expect((await bearer(forged)).body).toMatchObject({ error: { reason: 'invalid' } });
  });

  it('lets a browser on another origin send the token (CORS preflight allows Authorization)', async () => {
    const preflight = await fetch(`${urls.http}/session`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://site.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });
});

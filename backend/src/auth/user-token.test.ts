// Cognito tokens as the authorizer verifies them: RS256 tokens signed by a key served from a real
// JWKS endpoint (a local HTTP server standing in for the pool's), with names of every kind.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newGuestId } from '../chat/ids.js';
import { TokenRefused } from './token-refused.js';
import { type CognitoSettings, resetKeySets, verifyUserToken } from './user-token.js';

const CLIENT = 'test-client';
let server: Server;
let settings: CognitoSettings;
let privateKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey as CryptoKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'pool-key', alg: 'RS256', use: 'sig' };
  server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pool`;
  settings = { issuer, jwksUrl: `${issuer}/.well-known/jwks.json`, clientId: CLIENT };
  resetKeySets();
});

afterAll(() => {
  server?.close();
});

function idToken(claims: Record<string, unknown>, sub = '0f8fad5b-d9cb-469f-a165-70867728950e') {
  return new SignJWT({ token_use: 'id', email: 'grace@example.com', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'pool-key' })
    .setIssuer(settings.issuer)
    .setAudience(CLIENT)
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(privateKey);
}

const nameOf = async (claims: Record<string, unknown>) =>
  (await verifyUserToken(await idToken(claims), settings)).identity.name;

describe('verifyUserToken: names', () => {
  it('shows the name attribute, cleaned like a guest name', async () => {
    expect(await nameOf({ name: '  Grace   Hopper ' })).toBe('Grace Hopper');
    expect(await nameOf({ name: 'Zoe\u0301' })).toBe('Zo\u00E9');
  });

  it('never shows the e-mail or the user name: a neutral default when the name is absent', async () => {
    expect(await nameOf({ 'cognito:username': 'grace@example.com' })).toBe('User');
  });

  it.each([
    ['a zero-width space', 'Sup\u200Bport'],
    ['a right-to-left override', '\u202Etroppus'],
    ['a left-to-right mark', 'Support\u200E'],
    ['a BOM', '\uFEFFSupport'],
    ['a Hangul filler only', '\u3164'],
    ['a tag character', 'Support\u{E0041}'],
    ['a control character', 'Sup\u0007port'],
    ['only spaces', '   '],
    ['a number', 42],
  ])('shows the neutral default for a name with %s', async (_case, name) => {
    expect(await nameOf({ name })).toBe('User');
  });

  it('cuts a long name on whole characters, never half a surrogate pair', async () => {
    const shown = await nameOf({ name: '\u{1F600}'.repeat(45) });
    expect([...shown]).toHaveLength(40);
    expect(shown).not.toMatch(/\p{Cs}/u);
  });
});

describe('verifyUserToken: subjects and expiry', () => {
  it('refuses a correctly signed token whose subject is shaped like a guest id', async () => {
    const token = await idToken({ name: 'Support' }, newGuestId());
    await expect(verifyUserToken(token, settings)).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('says expired only for a correctly signed token past its expiry', async () => {
    const expired = await new SignJWT({ token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: 'pool-key' })
      .setIssuer(settings.issuer)
      .setAudience(CLIENT)
      .setSubject('0f8fad5b-d9cb-469f-a165-70867728950e')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(privateKey);
    const error = await verifyUserToken(expired, settings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRefused);
    expect((error as TokenRefused).reason).toBe('expired');
  });
});

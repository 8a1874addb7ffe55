import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { guestId } from './guest-forge.js';
import { connectWithToken, freshRoom, handshakeStatus, signedInUser, type UserTokens } from './helpers.js';

const urls = inject('stack');
const pool = inject('cognito');
const guestSecret = readFileSync(join(inject('stackDataDir'), 'guest-token-secret'), 'utf8').trim();
let user: UserTokens;

beforeAll(async () => {
  user = await signedInUser(urls.cognito, pool);
});

const status = (token: string) => handshakeStatus(urls.ws, ['chat.v1', token]);

describe('signed-in users (Cognito tokens, verified against the pool JWKS)', () => {
  it('accepts an ID token and an access token of the app client', async () => {
    expect(await status(user.idToken)).toBe(101);
    expect(await status(user.accessToken)).toBe(101);
  });

  it('gives the connection the user identity from the token, not a guest one', async () => {
    const client = await connectWithToken(urls.ws, user.idToken);
    const room = freshRoom();
    const ack = await client.request({ action: 'send', room, text: 'signed in', id: 'user-msg-1', ref: 's' });
    client.close();
    expect(ack).toMatchObject({ message: { sender: { id: user.sub, guest: false } } });
    // No name attribute: a neutral name for everyone to see, never the e-mail's local part.
    expect((ack as { message: { sender: { name: string } } }).message.sender.name).toBe('User');
  });

  it('refuses a refresh token, though cognito-local signs it with the same key', async () => {
    expect(await status(user.refreshToken)).toBe(401);
  });

  it('refuses tokens of another app client of the same pool', async () => {
    const cognito = new CognitoIdentityProviderClient({
      endpoint: urls.cognito,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool.userPoolId,
        ClientName: 'someone-else',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const other = await signedInUser(urls.cognito, { ...pool, clientId: UserPoolClient?.ClientId as string });
    expect(await status(other.idToken)).toBe(401);
    expect(await status(other.accessToken)).toBe(401);
  });

  it('never lets the guest key mint a user: HS256 with the pool issuer is refused', async () => {
    const claims = decodeJwt(user.idToken);
    const forged = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(guestSecret));
    expect(await status(forged)).toBe(401);
  });

  it('never lets a user token pass as a guest: the pool key cannot sign for the guest issuer', async () => {
    // Re-labelled claims keep the pool's RS256 signature, which the guest verifier (HS256 only) refuses.
    const [header, , signature] = user.idToken.split('.');
    const relabelled = Buffer.from(
      JSON.stringify({ ...decodeJwt(user.idToken), iss: 'org-chat', aud: 'chat.v1:guest' }),
    ).toString('base64url');
    expect(await status(`${header}.${relabelled}.${signature}`)).toBe(401);
  });
});

const cognito = new CognitoIdentityProviderClient({
  endpoint: urls.cognito,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/** Signs up and in a user with chosen attributes (cognito-local even takes a chosen `sub`). */
async function userWith(
  attributes: Record<string, string>,
): Promise<{ idToken: string; accessToken: string }> {
  const email = `attr-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const password = 'Correct-Horse-9-Battery';
  await cognito.send(
    new SignUpCommand({
      ClientId: pool.clientId,
      Username: email,
      Password: password,
      UserAttributes: Object.entries({ email, ...attributes }).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: email }));
  const { AuthenticationResult } = await cognito.send(
    new InitiateAuthCommand({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  return {
    idToken: AuthenticationResult?.IdToken as string,
    accessToken: AuthenticationResult?.AccessToken as string,
  };
}

/** The name others see on a message sent with `token`. */
async function shownName(token: string): Promise<string> {
  const client = await connectWithToken(urls.ws, token);
  const ack = await client.request({
    action: 'send',
    room: freshRoom(),
    text: 'hi',
    id: `name-${Date.now()}`,
    ref: 'n',
  });
  client.close();
  return (ack as { message: { sender: { name: string } } }).message.sender.name;
}

describe('a user passing for a guest', () => {
  it('refuses a pool-signed token whose subject is shaped like a guest id', async () => {
    const forgedSub = guestId();
    const tokens = await userWith({ sub: forgedSub });
    expect(decodeJwt(tokens.idToken).sub).toBe(forgedSub);
    expect(await status(tokens.idToken)).toBe(401);
    expect(await status(tokens.accessToken)).toBe(401);
  });

  it('refuses a token signed with a key the pool JWKS does not have, even under its kid', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    expect((await exportJWK(publicKey)).kty).toBe('RSA');
    for (const [kid, sub] of [
      ['CognitoLocal', guestId()],
      ['CognitoLocal', user.sub],
      ['attacker-key', user.sub],
    ]) {
      const forged = await new SignJWT({ token_use: 'id', name: 'Support' })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(`${urls.cognito}/${pool.userPoolId}`)
        .setAudience(pool.clientId)
        .setSubject(sub as string)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
      expect(await status(forged), `${kid} ${sub}`).toBe(401);
    }
  });
});

// cognito-local puts only the e-mail and custom attributes in its ID tokens; the local stack adds
// `name` through a PreTokenGeneration trigger (scripts/local-cognito-trigger.mjs), as AWS does by
// itself. Access tokens carry no name, on AWS either. The name rules themselves are unit-tested on
// real signed tokens (backend/src/auth/user-token.test.ts).
describe("a signed-in user's name", () => {
  it("is the account's name attribute, from its ID token", async () => {
    const tokens = await userWith({ name: 'Grace Hopper' });
    expect(decodeJwt(tokens.idToken).name).toBe('Grace Hopper');
    expect(await shownName(tokens.idToken)).toBe('Grace Hopper');
  });

  it('is a neutral default, never derived from the e-mail, when the token carries no usable name', async () => {
    const tokens = await userWith({ name: 'Sup\u200Bport' });
    expect(decodeJwt(tokens.idToken).email).toMatch(/^attr-/);
    expect(await shownName(tokens.idToken)).toBe('User');
    expect(await shownName(tokens.accessToken)).toBe('User');
  });
});

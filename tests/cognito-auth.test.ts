import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt, SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
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
    expect((ack as { message: { sender: { name: string } } }).message.sender.name).toMatch(/^user-/);
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

import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type ChatClient, createChatClient, guestAuth, type KeyValueStorage, tokenAuth } from '@org/chat-sdk';
import { cognitoAuth } from '@org/chat-sdk/cognito';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { forgeGuestToken, guestId, stackGuestKey } from './guest-forge.js';
import { freshRoom, signedInUser } from './helpers.js';

const urls = inject('stack');
const pool = inject('cognito');
const clients: ChatClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function track(client: ChatClient): ChatClient {
  clients.push(client);
  return client;
}

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('guestAuth', () => {
  it('keeps the same guest across a "reload" when persisted, and not otherwise', async () => {
    const storage = memoryStorage();
    const first = track(
      createChatClient({
        wsUrl: urls.ws,
        httpUrl: urls.http,
        auth: guestAuth({ name: 'Ada', persist: true, storage }),
      }),
    );
    await first.connect();
    first.close();
    const reloaded = track(
      createChatClient({
        wsUrl: urls.ws,
        httpUrl: urls.http,
        auth: guestAuth({ name: 'Ada', persist: true, storage }),
      }),
    );
    await reloaded.connect();
    expect(reloaded.user?.id).toBe(first.user?.id);
    const stranger = track(
      createChatClient({ wsUrl: urls.ws, httpUrl: urls.http, auth: guestAuth({ name: 'Ada' }) }),
    );
    await stranger.connect();
    expect(stranger.user?.id).not.toBe(first.user?.id);
  });

  it('renews an expired guest token into the same guest id', async () => {
    // A token that expired an hour ago, signed with the stack's real key.
    const secret = stackGuestKey(inject('stackDataDir'));
    const id = guestId();
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await forgeGuestToken(secret, { sub: id, name: 'Ada', iat: past - 3600, exp: past });
    const storage = memoryStorage();
    const key = `org-chat:guest:${urls.http}`;
    storage.setItem(
      key,
      JSON.stringify({ token: expired, user: { id, name: 'Ada', guest: true }, expiresAt: past * 1000 }),
    );
    const renewed = track(
      createChatClient({
        wsUrl: urls.ws,
        httpUrl: urls.http,
        auth: guestAuth({ name: 'Ada', persist: true, storage }),
      }),
    );
    await renewed.connect();
    expect(renewed.user?.id).toBe(id);
    expect(JSON.parse(storage.data.get(key) as string).expiresAt).toBeGreaterThan(Date.now());
  });
});

describe('tokenAuth', () => {
  it("connects with a token from the app's own login as that user", async () => {
    const user = await signedInUser(urls.cognito, pool);
    const calls: boolean[] = [];
    const client = track(
      createChatClient({
        wsUrl: urls.ws,
        httpUrl: urls.http,
        auth: tokenAuth((fresh) => {
          calls.push(fresh);
          return user.idToken;
        }),
      }),
    );
    await client.connect();
    expect(client.user).toMatchObject({ id: user.sub, guest: false });
    const room = await client.join(freshRoom());
    await expect(room.send('with my own login')).resolves.toMatchObject({
      sender: { id: user.sub, guest: false },
    });
    expect(calls).toEqual([false]);
  });

  it("ends in failed when the app's token is refused twice", async () => {
    const client = track(
      createChatClient({
        wsUrl: urls.ws,
        httpUrl: urls.http,
        auth: tokenAuth(() => 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'),
        timing: { backoff: { baseMs: 50, capMs: 200 } },
      }),
    );
    await expect(client.connect()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(client.state).toBe('failed');
  });
});

describe('cognitoAuth (@org/chat-sdk/cognito) against cognito-local', () => {
  it('signs up, signs in, chats as the user and refreshes its token', async () => {
    const email = `sdk-${Date.now().toString(36)}@example.com`;
    const auth = cognitoAuth({
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      endpoint: `${urls.cognito}/`,
      authFlow: 'USER_PASSWORD_AUTH',
    });
    await auth.signUp(email, 'Correct-Horse-9-Battery');
    const admin = new CognitoIdentityProviderClient({
      endpoint: urls.cognito,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await admin.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: email }));
    await expect(auth.signIn(email, 'wrong-password-1A')).rejects.toMatchObject({ code: 'unauthorized' });
    const user = await auth.signIn(email, 'Correct-Horse-9-Battery');
    // No name attribute: a neutral name, never the e-mail's local part.
    expect(user).toMatchObject({ guest: false, name: 'User' });

    const client = track(createChatClient({ wsUrl: urls.ws, httpUrl: urls.http, auth }));
    await client.connect();
    const room = await client.join(freshRoom());
    await expect(room.send('signed in')).resolves.toMatchObject({ sender: { id: user.id, guest: false } });

    const refreshed = await auth.getSession({ httpUrl: urls.http, fresh: true });
    expect(refreshed.user.id).toBe(user.id);
    await auth.signOut();
    await expect(auth.getSession({ httpUrl: urls.http })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('keeps tokens in memory unless asked to persist them', async () => {
    const email = `memory-${Date.now().toString(36)}@example.com`;
    await signedInUser(urls.cognito, pool, email);
    const storage = memoryStorage();
    // A storage given without `persist` is not used.
    const auth = cognitoAuth({ ...poolOptions(), storage });
    await auth.signIn(email, 'Correct-Horse-9-Battery');
    expect(storage.data.size).toBe(0);
    const persisted = cognitoAuth({ ...poolOptions(), storage, persist: true });
    await persisted.signIn(email, 'Correct-Horse-9-Battery');
    expect([...storage.data.keys()].some((key) => key.endsWith('.refreshToken'))).toBe(true);
    await persisted.signOut();
    expect([...storage.data.keys()].some((key) => key.endsWith('.refreshToken'))).toBe(false);
  });

  it('revokes the refresh token on sign-out: it can no longer mint tokens', async () => {
    const email = `revoke-${Date.now().toString(36)}@example.com`;
    await signedInUser(urls.cognito, pool, email);
    const storage = memoryStorage();
    const auth = cognitoAuth({ ...poolOptions(), storage, persist: true });
    await auth.signIn(email, 'Correct-Horse-9-Battery');
    const refreshToken = [...storage.data.entries()].find(([key]) => key.endsWith('.refreshToken'))?.[1];
    expect(refreshToken).toBeTruthy();
    const refresh = () =>
      cognitoAdmin().send(
        new InitiateAuthCommand({
          ClientId: pool.clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken as string },
        }),
      );
    // Usable before the sign-out (so the refusal below is the revocation's doing).
    await expect(refresh()).resolves.toMatchObject({ AuthenticationResult: { IdToken: expect.any(String) } });
    await auth.signOut();
    await expect(refresh()).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('signs up with a display name (the name attribute), validated by the server rules on show', async () => {
    const email = `named-${Date.now().toString(36)}@example.com`;
    const auth = cognitoAuth(poolOptions());
    await auth.signUp(email, 'Correct-Horse-9-Battery', 'Grace Hopper');
    const { UserAttributes } = await cognitoAdmin().send(
      new AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: email }),
    );
    expect(UserAttributes).toContainEqual({ Name: 'name', Value: 'Grace Hopper' });
  });
});

function poolOptions() {
  return {
    userPoolId: pool.userPoolId,
    clientId: pool.clientId,
    endpoint: `${urls.cognito}/`,
    authFlow: 'USER_PASSWORD_AUTH' as const,
  };
}

function cognitoAdmin() {
  return new CognitoIdentityProviderClient({
    endpoint: urls.cognito,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

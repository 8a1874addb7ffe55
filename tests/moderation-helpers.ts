import type { ServerFrame } from '@org/chat-sdk/protocol';
import { connectWithToken, type FrameClient, signedInUser, type UserTokens } from './helpers.js';

/** The site admins' group (backend/src/auth/identity.ts), created in the pool by the local stack. */
export const SITE_ADMIN_GROUP = 'chat-admins';

/** Signs up a user, adds them to the site admins' group, and signs them in again (the token then names the group). */
export async function siteAdmin(
  cognitoUrl: string,
  pool: { userPoolId: string; clientId: string },
): Promise<UserTokens> {
  const email = `admin-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const first = await signedInUser(cognitoUrl, pool, email);
  const { AdminAddUserToGroupCommand, CognitoIdentityProviderClient, InitiateAuthCommand } = await import(
    '@aws-sdk/client-cognito-identity-provider'
  );
  const cognito = new CognitoIdentityProviderClient({
    endpoint: cognitoUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: pool.userPoolId,
      Username: email,
      GroupName: SITE_ADMIN_GROUP,
    }),
  );
  const auth = await cognito.send(
    new InitiateAuthCommand({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: 'Correct-Horse-9-Battery' },
    }),
  );
  const result = auth.AuthenticationResult;
  if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) throw new Error('no admin tokens');
  return {
    sub: first.sub,
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: result.RefreshToken,
  };
}

/** A request helper with unique refs, for raw protocol clients. */
export function asker(prefix: string) {
  let refs = 0;
  return (client: FrameClient, frame: Record<string, unknown>): Promise<ServerFrame> =>
    client.request({ ...frame, ref: `${prefix}${++refs}` });
}

/** Opens a raw client with a user's ID token, remembering it for closing. */
export async function asUser(wsUrl: string, tokens: UserTokens, open: FrameClient[]): Promise<FrameClient> {
  const client = await connectWithToken(wsUrl, tokens.idToken);
  open.push(client);
  return client;
}

/** The frames of one type a client received. */
export function framesOf<T extends ServerFrame['type']>(
  client: FrameClient,
  type: T,
): Extract<ServerFrame, { type: T }>[] {
  return client.frames.filter((f): f is Extract<ServerFrame, { type: T }> => f.type === type);
}

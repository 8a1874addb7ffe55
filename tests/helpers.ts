import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { GuestSession, ServerFrame } from '@org/chat-sdk/protocol';
import WebSocket from 'ws';

/** Signs in a guest through the real HTTP API. */
export async function guest(httpUrl: string, name = 'Tester'): Promise<GuestSession> {
  const response = await fetch(`${httpUrl}/guest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) throw new Error(`POST /guest answered ${response.status}`);
  return (await response.json()) as GuestSession;
}

/** Opens a raw socket; resolves when open, rejects with the HTTP status when the handshake is refused. */
export function openRaw(wsUrl: string, protocols: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, protocols);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => {
      reject(new HandshakeRefused(response.statusCode ?? 0));
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

/** The server refused the WebSocket handshake with this HTTP status. */
export class HandshakeRefused extends Error {
  constructor(readonly status: number) {
    super(`handshake refused with ${status}`);
  }
}

/** A raw protocol client that records every frame, for tests that speak the wire protocol directly. */
export class FrameClient {
  readonly frames: ServerFrame[] = [];
  #waiters: { match: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      this.frames.push(frame);
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.match(frame)) return true;
        waiter.resolve(frame);
        return false;
      });
    });
  }

  /** Wraps an open socket. */
  static fromSocket(socket: WebSocket): FrameClient {
    return new FrameClient(socket);
  }

  /** Signs in as a new guest and connects. */
  static async connect(
    urls: { http: string; ws: string },
    name = 'Tester',
  ): Promise<FrameClient & { session: GuestSession }> {
    const session = await guest(urls.http, name);
    const socket = await openRaw(urls.ws, ['chat.v1', session.token]);
    return Object.assign(new FrameClient(socket), { session });
  }

  /** Sends a frame (an object is JSON-encoded; a string goes as is). */
  send(frame: object | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame, already received or to come, that matches. */
  waitFor(match: (frame: ServerFrame) => boolean, timeoutMs = 10_000, from = 0): Promise<ServerFrame> {
    const found = this.frames.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      this.#waiters.push({
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      });
    });
  }

  /** Sends a frame with `ref` and resolves with the next answer carrying that ref. */
  async request(frame: Record<string, unknown> & { ref: string }): Promise<ServerFrame> {
    const from = this.frames.length;
    this.send(frame);
    return this.waitFor((answer) => 'ref' in answer && answer.ref === frame.ref, 10_000, from);
  }

  /**
   * A round trip through a function (ping would not do: the gateway answers it), for tests that
   * check nothing more arrived: frames posted before it was answered have had time to land.
   */
  async roundTrip(): Promise<void> {
    await this.request({ action: 'history', room: 'round-trip', limit: 1, ref: `rt-${this.frames.length}` });
  }

  close(): void {
    this.socket.close();
  }
}

/** A fresh room id, so tests never see each other's messages. */
export function freshRoom(prefix = 'room'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Tokens of a signed-in Cognito user. */
export interface UserTokens {
  sub: string;
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * Signs up, confirms and signs in a user on cognito-local (USER_PASSWORD_AUTH: it has no SRP), with a
 * display name (the `name` attribute) when given.
 */
export async function signedInUser(
  cognitoUrl: string,
  pool: { userPoolId: string; clientId: string },
  email = `user-${Math.random().toString(36).slice(2, 10)}@example.com`,
  name?: string,
): Promise<UserTokens> {
  const { AdminConfirmSignUpCommand, CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand } =
    await import('@aws-sdk/client-cognito-identity-provider');
  const cognito = new CognitoIdentityProviderClient({
    endpoint: cognitoUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const password = 'Correct-Horse-9-Battery';
  const signUp = await cognito.send(
    new SignUpCommand({
      ClientId: pool.clientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }, ...(name ? [{ Name: 'name', Value: name }] : [])],
    }),
  );
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.userPoolId, Username: email }));
  const auth = await cognito.send(
    new InitiateAuthCommand({
      ClientId: pool.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const result = auth.AuthenticationResult;
  if (!result?.IdToken || !result.AccessToken || !result.RefreshToken || !signUp.UserSub) {
    throw new Error('cognito-local did not sign the user in');
  }
  return {
    sub: signUp.UserSub,
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: result.RefreshToken,
  };
}

/** Connects a raw protocol client with a given token. */
export async function connectWithToken(wsUrl: string, token: string): Promise<FrameClient> {
  return FrameClient.fromSocket(await openRaw(wsUrl, ['chat.v1', token]));
}

/** The local stack's table name (serverless.yml: `${service}-${stage}` with stage `local`). */
export const LOCAL_TABLE = 'org-chat-local';

/** A document client on the stack's dynalite, for tests that check or plant items directly. */
export function localTable(dynamodbUrl: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamodbUrl,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
}

/** The HTTP status of a handshake: 101 when it opened (then closed again), else the refusal's status. */
export async function handshakeStatus(wsUrl: string, protocols: string[]): Promise<number> {
  try {
    (await openRaw(wsUrl, protocols)).close();
    return 101;
  } catch (error) {
    if (error instanceof HandshakeRefused) return error.status;
    throw error;
  }
}

/** A user's live connection ids, through the table's by-user index (gsi1). */
export async function connectionsOf(dynamodbUrl: string, userId: string): Promise<string[]> {
  const result = await localTable(dynamodbUrl).send(
    new QueryCommand({
      TableName: LOCAL_TABLE,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :user',
      ExpressionAttributeValues: { ':user': `USER#${userId}` },
    }),
  );
  return (result.Items ?? []).map((item) => item.connectionId as string);
}

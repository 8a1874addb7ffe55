/**
 * `@org/chat-sdk/cognito`: sign-up, sign-in and token refresh against the Cognito user pool, as an
 * AuthProvider. A separate entry point: only apps that use it download amazon-cognito-identity-js.
 */
// First: gives amazon-cognito-identity-js the `global` it expects, before it loads.
import './cognito-global.js';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import { userOfClaims } from './auth/jwt.js';
import type { AuthContext, AuthProvider, AuthSession } from './auth/provider.js';
import { browserStorage, type KeyValueStorage } from './auth/storage.js';
import { ChatError } from './errors.js';
import type { ChatUser } from './protocol/types.js';

/** Options of `cognitoAuth`. */
export interface CognitoAuthOptions {
  userPoolId: string;
  /** The app client without a secret (see serverless.yml). */
  clientId: string;
  /** Only for cognito-local, e.g. `http://localhost:9229/`. */
  endpoint?: string;
  /** `USER_SRP_AUTH` on AWS (the password never leaves the browser); cognito-local only has `USER_PASSWORD_AUTH`. */
  authFlow?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';
  /**
   * Keep tokens across reloads in `localStorage` (or `storage`). Off by default: tokens then live in
   * memory and a reload signs the user out. Persisted refresh tokens (valid 30 days) are readable by
   * any script on the page, so persist only on pages whose scripts you trust.
   */
  persist?: boolean;
  storage?: KeyValueStorage;
}

/** An AuthProvider for Cognito users, with account actions. */
export interface CognitoAuth extends AuthProvider {
  /** The signed-in user, once known. */
  readonly user: ChatUser | undefined;
  /**
   * Registers a user, with the display name others will see (the `name` attribute; without one the
   * chat shows a neutral "User", never the e-mail); Cognito then sends a confirmation code by email.
   */
  signUp(email: string, password: string, name?: string): Promise<void>;
  /** Confirms a registration with the emailed code. */
  confirmSignUp(email: string, code: string): Promise<void>;
  /** Signs in; resolves once tokens are held. */
  signIn(email: string, password: string): Promise<ChatUser>;
  /**
   * Signs out: forgets the tokens here and revokes the refresh token with Cognito (RevokeToken), so it
   * can mint no new ones. ID tokens already issued stay valid until they expire (15 minutes), and
   * connections already open stay until they close. Rejects with a ChatError when the revocation
   * failed (the tokens are forgotten here all the same).
   */
  signOut(): Promise<void>;
}

// Refresh this long before the ID token expires, so a reconnect never presents a dying token.
const REFRESH_MARGIN_MS = 5 * 60_000;

/** Cognito sign-in as an AuthProvider: reconnects use the ID token, refreshed before it expires. */
export function cognitoAuth(options: CognitoAuthOptions): CognitoAuth {
  const storage = toCognitoStorage(options.persist ? (options.storage ?? browserStorage()) : undefined);
  const pool = new CognitoUserPool({
    UserPoolId: options.userPoolId,
    ClientId: options.clientId,
    Storage: storage,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  let current: CognitoUser | null = pool.getCurrentUser();
  let session: CognitoUserSession | undefined;
  let user: ChatUser | undefined;

  const userFor = (email: string) => {
    const cognitoUser = new CognitoUser({ Username: email, Pool: pool, Storage: storage });
    if (options.authFlow === 'USER_PASSWORD_AUTH')
      cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    return cognitoUser;
  };
  const toSession = (next: CognitoUserSession): AuthSession => {
    session = next;
    const token = next.getIdToken().getJwtToken();
    user = userOfClaims(next.getIdToken().decodePayload());
    return { token, user, expiresAt: next.getIdToken().getExpiration() * 1000 };
  };

  return {
    get user() {
      return user;
    },
    signUp: (email, password, name) =>
      new Promise((resolve, reject) => {
        const attributes = [new CognitoUserAttribute({ Name: 'email', Value: email })];
        if (name) attributes.push(new CognitoUserAttribute({ Name: 'name', Value: name }));
        pool.signUp(email, password, attributes, [], (error) =>
          error ? reject(toChatError(error)) : resolve(),
        );
      }),
    confirmSignUp: (email, code) =>
      new Promise((resolve, reject) => {
        userFor(email).confirmRegistration(code, true, (error) =>
          error ? reject(toChatError(error)) : resolve(),
        );
      }),
    signIn: (email, password) =>
      new Promise((resolve, reject) => {
        const cognitoUser = userFor(email);
        cognitoUser.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
          onSuccess: (next) => {
            current = cognitoUser;
            resolve(toSession(next).user);
          },
          // cognito-local answers a wrong password with InvalidPasswordException, AWS with NotAuthorized.
          onFailure: (error) => reject(toChatError(error, true)),
          totpRequired: () =>
            reject(new ChatError('unauthorized', 'TOTP MFA is required: not supported by this provider yet')),
          mfaRequired: () =>
            reject(new ChatError('unauthorized', 'MFA is required: not supported by this provider yet')),
          newPasswordRequired: () => reject(new ChatError('unauthorized', 'a new password is required')),
        });
      }),
    async signOut() {
      const signedIn = current;
      const held = session ?? (signedIn ? await storedSession(signedIn) : undefined);
      const refreshToken = held?.getRefreshToken().getToken();
      signedIn?.signOut();
      current = null;
      session = undefined;
      user = undefined;
      if (signedIn && refreshToken) await revoke(signedIn, refreshToken);
    },
    async getSession({ fresh }: AuthContext): Promise<AuthSession> {
      if (!current) throw new ChatError('unauthorized', 'not signed in: call signIn first');
      const valid = session && session.getIdToken().getExpiration() * 1000 - REFRESH_MARGIN_MS > Date.now();
      if (session && valid && !fresh) return toSession(session);
      return new Promise((resolve, reject) => {
        const signedIn = current as CognitoUser;
        const refreshToken = session?.getRefreshToken();
        const done = (error: Error | null, next: CognitoUserSession | null) => {
          if (error || !next) reject(toChatError(error ?? new Error('no session')));
          else resolve(toSession(next));
        };
        if (refreshToken) signedIn.refreshSession(refreshToken, done);
        else signedIn.getSession(done);
      });
    },
  };
}

/** The session a persisted sign-in left in storage, if any (read without a network call when valid). */
function storedSession(cognitoUser: CognitoUser): Promise<CognitoUserSession | undefined> {
  return new Promise((resolve) => {
    cognitoUser.getSession((error: Error | null, stored: CognitoUserSession | null) =>
      resolve(error || !stored ? undefined : stored),
    );
  });
}

// CognitoUser#revokeToken exists at runtime (amazon-cognito-identity-js 6) but not in its types. Called
// directly: CognitoUser#signOut(callback) revokes only when the access token carries `origin_jti`,
// which cognito-local's tokens lack, and would refresh an expired session first.
interface Revocable {
  revokeToken(args: { token: string; callback: (error?: Error) => void }): void;
}

function revoke(cognitoUser: CognitoUser, refreshToken: string): Promise<void> {
  return new Promise((resolve, reject) => {
    (cognitoUser as unknown as Revocable).revokeToken({
      token: refreshToken,
      callback: (error) => (error ? reject(toChatError(error)) : resolve()),
    });
  });
}

function toChatError(error: unknown, signingIn = false): ChatError {
  const e = error as { code?: string; name?: string; message?: string };
  const name = e.code ?? e.name ?? '';
  const message = e.message ?? String(error);
  if (/NetworkError|fetch/i.test(name + message)) return new ChatError('network', message);
  if (/NotAuthorized|UserNotConfirmed|UserNotFound|PasswordReset/.test(name))
    return new ChatError('unauthorized', message);
  if (signingIn && /InvalidPassword/.test(name)) return new ChatError('unauthorized', message);
  if (/InvalidParameter|InvalidPassword|UsernameExists|CodeMismatch|ExpiredCode/.test(name)) {
    return new ChatError('invalid', message);
  }
  if (/TooManyRequests|LimitExceeded/.test(name)) return new ChatError('rate_limited', message);
  return new ChatError('internal', message);
}

/** amazon-cognito-identity-js wants a Storage with `clear`; keep tokens in memory unless persisting. */
function toCognitoStorage(storage: KeyValueStorage | undefined): ICognitoStorage {
  if (storage) {
    return {
      getItem: (key) => storage.getItem(key),
      setItem: (key, value) => storage.setItem(key, value),
      removeItem: (key) => storage.removeItem(key),
      clear: () => {},
    };
  }
  const memory = new Map<string, string>();
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
    removeItem: (key) => void memory.delete(key),
    clear: () => memory.clear(),
  };
}

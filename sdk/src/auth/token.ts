import { ChatError } from '../errors.js';
import { decodeClaims, userOfClaims } from './jwt.js';
import type { AuthProvider, AuthSession } from './provider.js';

/**
 * Auth for apps with their own login: `getToken` returns a token the server accepts (a Cognito ID or
 * access token of our pool, or a guest token). It is called before every connection attempt, so
 * return a fresh one when yours refreshes; when `fresh` is true the last one was refused.
 */
export function tokenAuth(getToken: (fresh: boolean) => Promise<string> | string): AuthProvider {
  return {
    async getSession({ fresh }): Promise<AuthSession> {
      const token = await getToken(fresh === true);
      let claims: Record<string, unknown>;
      try {
        claims = decodeClaims(token);
      } catch {
        throw new ChatError('unauthorized', 'tokenAuth: the token is not a JWT');
      }
      const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 60_000;
      return { token, user: userOfClaims(claims), expiresAt: exp };
    },
  };
}

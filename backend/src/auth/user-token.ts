import { DEFAULT_USER_NAME, displayNameOrDefault } from '@org/chat-sdk/protocol';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { isGuestId } from '../chat/ids.js';
import type { VerifiedToken } from './guest-token.js';
import { SITE_ADMIN_GROUP } from './identity.js';
import { TokenRefused } from './token-refused.js';

/** Where Cognito tokens come from: cognito-local locally, the user pool on AWS. */
export interface CognitoSettings {
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` on AWS; `http://127.0.0.1:9229/<poolId>` locally. */
  issuer: string;
  /** The pool's JWKS; by default `<issuer>/.well-known/jwks.json`. */
  jwksUrl: string;
  /** The app client the SDK signs in with: ID tokens carry it as `aud`, access tokens as `client_id`. */
  clientId: string;
}

let keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * Verifies a Cognito ID or access token of our app client and returns its identity. Only RS256 with
 * the configured issuer is accepted, so a guest token (HS256, our own issuer) never passes here;
 * refresh tokens and tokens of other app clients are refused by `token_use` and client checks, and a
 * subject shaped like a guest id is refused, so no user can pass for a guest. Throws a TokenRefused,
 * or the JWKS fetch's own error when the pool's keys could not be read.
 */
export async function verifyUserToken(token: string, settings: CognitoSettings): Promise<VerifiedToken> {
  const { payload } = await jwtVerify(token, keySetOf(settings.jwksUrl), {
    algorithms: ['RS256'],
    issuer: settings.issuer,
    requiredClaims: ['sub', 'exp', 'token_use'],
  }).catch((error: unknown) => {
    throw TokenRefused.from(error);
  });
  const use = payload.token_use;
  const client = use === 'id' ? audienceOf(payload) : use === 'access' ? payload.client_id : undefined;
  if (client !== settings.clientId) {
    throw new TokenRefused('invalid', `token is not an id or access token of this app (${use})`);
  }
  if (typeof payload.sub !== 'string' || payload.sub === '' || isGuestId(payload.sub)) {
    throw new TokenRefused('invalid', 'user token subject is empty or shaped like a guest id');
  }
  // Only the `name` attribute, checked like a guest's: never the e-mail (issue 10), which would show
  // an address to everyone, nor `cognito:username`, which is the e-mail on cognito-local.
  const name = displayNameOrDefault(payload.name, DEFAULT_USER_NAME);
  const groups = payload['cognito:groups'];
  const admin = Array.isArray(groups) && groups.includes(SITE_ADMIN_GROUP);
  return {
    identity: { id: payload.sub, name, guest: false },
    expiresAt: (payload.exp as number) * 1000,
    ...(admin ? { admin } : {}),
  };
}

function audienceOf(payload: JWTPayload): unknown {
  return Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
}

function keySetOf(url: string) {
  let keySet = keySets.get(url);
  if (!keySet) {
    // jose caches the keys and refetches on an unknown `kid` (a Cognito key rotation), at most every 30 s.
    keySet = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, timeoutDuration: 3_000 });
    keySets.set(url, keySet);
  }
  return keySet;
}

/** Forgets cached key sets (tests). */
export function resetKeySets(): void {
  keySets = new Map();
}

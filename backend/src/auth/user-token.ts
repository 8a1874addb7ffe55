import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { Identity } from './identity.js';

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
 * refresh tokens and tokens of other app clients are refused by `token_use` and client checks.
 */
export async function verifyUserToken(token: string, settings: CognitoSettings): Promise<Identity> {
  const { payload } = await jwtVerify(token, keySetOf(settings.jwksUrl), {
    algorithms: ['RS256'],
    issuer: settings.issuer,
    requiredClaims: ['sub', 'exp', 'token_use'],
  });
  const use = payload.token_use;
  const client = use === 'id' ? audienceOf(payload) : use === 'access' ? payload.client_id : undefined;
  if (client !== settings.clientId)
    throw new Error(`token is not an id or access token of this app (${use})`);
  return { id: payload.sub as string, name: displayNameOf(payload), guest: false };
}

function audienceOf(payload: JWTPayload): unknown {
  return Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
}

/** A readable name from the token: name, then email (before the @), then the user name. */
function displayNameOf(payload: JWTPayload): string {
  const pick = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : undefined);
  const email = pick('email');
  const name =
    pick('name') ?? (email ? email.split('@')[0] : undefined) ?? pick('cognito:username') ?? pick('username');
  return (name ?? 'user').slice(0, 40);
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

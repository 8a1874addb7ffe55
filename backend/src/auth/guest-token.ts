import { jwtVerify, SignJWT } from 'jose';
import type { Identity } from './identity.js';

/** The issuer of guest tokens (Cognito tokens carry the user pool's URL). */
export const GUEST_ISSUER = 'org-chat';
const AUDIENCE = 'chat.v1:guest';
const ALGORITHM = 'HS256';

/** A freshly signed guest token and when it expires (ms since the epoch). */
export interface SignedGuestToken {
  token: string;
  expiresAt: number;
}

/** Signs a guest token for `identity`, valid for `ttlSeconds`. */
export async function signGuestToken(
  identity: Pick<Identity, 'id' | 'name'>,
  secret: string,
  ttlSeconds: number,
  now = Date.now(),
): Promise<SignedGuestToken> {
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const token = await new SignJWT({ name: identity.name })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(GUEST_ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(identity.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(keyOf(secret));
  return { token, expiresAt: expiresAt * 1000 };
}

/**
 * Verifies a guest token and returns its identity. Throws on any forged, expired, `alg: none`
 * or otherwise malformed token: only HS256 with our issuer and audience is accepted.
 */
export async function verifyGuestToken(token: string, secret: string): Promise<Identity> {
  const { payload } = await jwtVerify(token, keyOf(secret), {
    algorithms: [ALGORITHM],
    issuer: GUEST_ISSUER,
    audience: AUDIENCE,
    requiredClaims: ['sub', 'exp'],
  });
  if (typeof payload.sub !== 'string' || typeof payload.name !== 'string') {
    throw new Error('guest token lacks sub or name');
  }
  return { id: payload.sub, name: payload.name, guest: true };
}

/**
 * Verifies a guest token for renewal: signature, algorithm, issuer and audience as usual, but an
 * expiry up to `graceSeconds` ago is accepted, so a returning guest keeps their id.
 */
export async function verifyGuestTokenForRenewal(
  token: string,
  secret: string,
  graceSeconds: number,
): Promise<Identity> {
  const { payload } = await jwtVerify(token, keyOf(secret), {
    algorithms: [ALGORITHM],
    issuer: GUEST_ISSUER,
    audience: AUDIENCE,
    requiredClaims: ['sub', 'exp'],
    clockTolerance: graceSeconds,
  });
  if (typeof payload.sub !== 'string') throw new Error('guest token lacks sub');
  return { id: payload.sub, name: String(payload.name ?? ''), guest: true };
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

import { DEFAULT_GUEST_NAME, displayNameOrDefault } from '@org/chat-sdk/protocol';
import { type JWTHeaderParameters, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { isGuestId } from '../chat/ids.js';
import { type GuestKeyRing, keyById } from './guest-keys.js';
import type { Identity } from './identity.js';
import { TokenRefused } from './token-refused.js';

/** The issuer of guest tokens (Cognito tokens carry the user pool's URL). */
export const GUEST_ISSUER = 'org-chat';
const AUDIENCE = 'chat.v1:guest';
const ALGORITHM = 'HS256';
const MIN_RENEWED_LIFE_SECONDS = 60;
/** The claim holding when the guest identity was first issued (seconds since the epoch). */
export const FIRST_ISSUED_CLAIM = 'orig_iat';

/** A freshly signed guest token and when it expires (ms since the epoch). */
export interface SignedGuestToken {
  token: string;
  expiresAt: number;
}

/** A verified token's identity and expiry (ms since the epoch). */
export interface VerifiedToken {
  identity: Identity;
  expiresAt: number;
  /** A Cognito user in the site admins' group (never a guest). */
  admin?: boolean;
}

/** How long tokens and the identity behind them last. */
export interface GuestTokenTimes {
  /** Life of one token. */
  ttlSeconds: number;
  /** Life of the identity from its first issue: no token of it expires later. */
  identityMaxAgeSeconds: number;
  /** When the identity was first issued (seconds since the epoch); now for a new guest. */
  firstIssuedAt?: number;
}

/**
 * Signs a guest token for `identity` with the ring's current key (its `kid` in the header), valid for
 * `ttlSeconds` but never past the identity's bound (`firstIssuedAt + identityMaxAgeSeconds`).
 */
export async function signGuestToken(
  identity: Pick<Identity, 'id' | 'name'>,
  ring: GuestKeyRing,
  times: GuestTokenTimes,
  now = Date.now(),
): Promise<SignedGuestToken> {
  const issuedAt = Math.floor(now / 1000);
  const firstIssuedAt = times.firstIssuedAt ?? issuedAt;
  const expiresAt = Math.min(issuedAt + times.ttlSeconds, firstIssuedAt + times.identityMaxAgeSeconds);
  const token = await new SignJWT({ name: identity.name, [FIRST_ISSUED_CLAIM]: firstIssuedAt })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: ring.current.id })
    .setIssuer(GUEST_ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(identity.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(ring.current.secret);
  return { token, expiresAt: expiresAt * 1000 };
}

/**
 * Verifies a guest token and returns its identity. Only HS256 with our issuer and audience, signed
 * by the current or the previous key (by `kid`), with a guest-shaped subject, is accepted: any
 * forged, expired, `alg: none` or otherwise malformed token throws a TokenRefused.
 */
export async function verifyGuestToken(token: string, ring: GuestKeyRing): Promise<VerifiedToken> {
  const payload = await verifyGuestClaims(token, ring, 0);
  if (typeof payload.exp !== 'number') throw new TokenRefused('invalid', 'guest token lacks exp');
  const name = displayNameOrDefault(payload.name, DEFAULT_GUEST_NAME);
  return { identity: { id: payload.sub, name, guest: true }, expiresAt: payload.exp * 1000 };
}

/** The guest a renewal keeps, and when that guest was first issued (seconds since the epoch). */
export interface RenewableGuest {
  id: string;
  firstIssuedAt: number;
}

/**
 * Verifies a guest token for renewal: signature, key, algorithm, issuer, audience and subject as
 * usual, but an expired token is accepted as long as its identity is younger than
 * `identityMaxAgeSeconds` (counted from its first issue). Undefined when it may not be renewed.
 */
export async function renewableGuest(
  token: string,
  ring: GuestKeyRing,
  identityMaxAgeSeconds: number,
  now = Date.now(),
): Promise<RenewableGuest | undefined> {
  const nowSeconds = Math.floor(now / 1000);
  try {
    // Expiry is not the bound here: the identity's age is, checked below.
    const payload = await verifyGuestClaims(token, ring, identityMaxAgeSeconds);
    const firstIssuedAt = payload[FIRST_ISSUED_CLAIM];
    if (typeof firstIssuedAt !== 'number' || !Number.isInteger(firstIssuedAt)) return undefined;
    // A renewal must leave the new token a useful life; closer to the bound, a new guest is made.
    const bound = firstIssuedAt + identityMaxAgeSeconds - MIN_RENEWED_LIFE_SECONDS;
    if (firstIssuedAt > nowSeconds || nowSeconds >= bound) return undefined;
    return { id: payload.sub, firstIssuedAt };
  } catch {
    return undefined;
  }
}

async function verifyGuestClaims(
  token: string,
  ring: GuestKeyRing,
  toleranceSeconds: number,
): Promise<JWTPayload & { sub: string }> {
  const { payload } = await jwtVerify(
    token,
    (header: JWTHeaderParameters) => {
      const key = keyById(ring, header.kid);
      if (!key) throw new TokenRefused('invalid', 'guest token signed by an unknown key');
      return key.secret;
    },
    {
      algorithms: [ALGORITHM],
      issuer: GUEST_ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: toleranceSeconds,
    },
  ).catch((error: unknown) => {
    throw TokenRefused.from(error);
  });
  if (!isGuestId(payload.sub)) throw new TokenRefused('invalid', 'guest token subject is not a guest id');
  return { ...payload, sub: payload.sub };
}

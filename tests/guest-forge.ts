// Signs guest tokens with a stack's own key (read from its data folder), as an attacker who stole the
// key could, or a test that needs a token the HTTP API would never issue (expired, past its bound).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { keyId, parseGuestKeys } from '../backend/src/auth/guest-keys.js';

/** The claims a forged guest token carries; seconds since the epoch. */
export interface ForgedClaims {
  sub?: string;
  name?: string;
  iat?: number;
  exp?: number;
  /** First issue of the identity; omitted when null. */
  origIat?: number | null;
  /** The header's key id; the key's own by default, none when null. */
  kid?: string | null;
}

/** The current signing key of a stack's data folder (either file format). */
export function stackGuestKey(dataDir: string): string {
  const value = readFileSync(join(dataDir, 'guest-token-secret'), 'utf8');
  const ring = parseGuestKeys(value);
  const trimmed = value.trim();
  const secret = trimmed.startsWith('{') ? (JSON.parse(trimmed) as { current: string }).current : trimmed;
  if (keyId(secret) !== ring.current.id) throw new Error('unexpected key file');
  return secret;
}

/** A new guest-shaped id, as POST /guest makes them. */
export const guestId = () => `guest_${randomUUID()}`;

/** Signs a guest token with `secret` (by default valid for 10 minutes, a fresh guest id). */
export function forgeGuestToken(secret: string, claims: ForgedClaims = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = claims.iat ?? now;
  const payload: Record<string, unknown> = { name: claims.name ?? 'Mallory' };
  if (claims.origIat !== null) payload.orig_iat = claims.origIat ?? iat;
  const header: { alg: string; kid?: string } = { alg: 'HS256' };
  if (claims.kid !== null) header.kid = claims.kid ?? keyId(secret);
  return new SignJWT(payload)
    .setProtectedHeader(header)
    .setIssuer('org-chat')
    .setAudience('chat.v1:guest')
    .setSubject(claims.sub ?? guestId())
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp ?? iat + 600)
    .sign(new TextEncoder().encode(secret));
}

import { createHash } from 'node:crypto';

/** One HMAC key of guest tokens and the id (`kid`) tokens signed with it carry in their header. */
export interface GuestKey {
  id: string;
  secret: Uint8Array;
}

/** The key that signs new guest tokens, and the one before it, still accepted after a rotation. */
export interface GuestKeyRing {
  current: GuestKey;
  previous?: GuestKey;
}

const MIN_SECRET_LENGTH = 32;

/**
 * Reads the guest-token keys from GUEST_TOKEN_SECRET's value: one key (as Secrets Manager generates it
 * at the first deploy, or the local stack's key file), or after a rotation
 * `{"current": "<key>", "previous": "<key>"}` (deploy/guest-keys.mjs). Throws on a weak key.
 */
export function parseGuestKeys(value: string): GuestKeyRing {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{')) return { current: guestKey(trimmed) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error('GUEST_TOKEN_SECRET looks like JSON but does not parse');
  }
  const { current, previous } = parsed as { current?: unknown; previous?: unknown };
  if (typeof current !== 'string') throw new Error('GUEST_TOKEN_SECRET JSON needs a "current" key');
  const ring: GuestKeyRing = { current: guestKey(current) };
  if (typeof previous === 'string' && previous !== '') ring.previous = guestKey(previous);
  return ring;
}

/**
 * The key id of a secret: the start of its SHA-256, base64url. Derived rather than configured, so a
 * rotation needs nothing but a new key, and the id reveals nothing usable about the key.
 */
export function keyId(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url').slice(0, 16);
}

/** The key a token's `kid` names, if it is one of the ring's. */
export function keyById(ring: GuestKeyRing, kid: unknown): GuestKey | undefined {
  if (kid === ring.current.id) return ring.current;
  if (ring.previous && kid === ring.previous.id) return ring.previous;
  return undefined;
}

function guestKey(secret: string): GuestKey {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`each guest-token key must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return { id: keyId(secret), secret: new TextEncoder().encode(secret) };
}

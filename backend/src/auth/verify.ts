import { decodeJwt } from 'jose';
import type { GuestKeyRing } from './guest-keys.js';
import { GUEST_ISSUER, type VerifiedToken, verifyGuestToken } from './guest-token.js';
import { TokenRefused } from './token-refused.js';
import { type CognitoSettings, verifyUserToken } from './user-token.js';

/** What token verification needs to know. */
export interface TokenSettings {
  guestKeys: GuestKeyRing;
  cognito: CognitoSettings;
}

/**
 * Verifies either kind of token, exactly as `$connect` does (the authorizer and `GET /session` share
 * it). The unverified issuer only picks the verifier; each verifier then checks signature, algorithm
 * and issuer itself, so claiming the other issuer gains nothing. Throws a TokenRefused with its
 * reason, or another error when the check itself failed (the pool's JWKS unreachable).
 */
export async function verifyToken(token: string, settings: TokenSettings): Promise<VerifiedToken> {
  let issuer: unknown;
  try {
    issuer = decodeJwt(token).iss;
  } catch (error) {
    throw TokenRefused.from(error);
  }
  if (issuer === GUEST_ISSUER) return verifyGuestToken(token, settings.guestKeys);
  return verifyUserToken(token, settings.cognito);
}

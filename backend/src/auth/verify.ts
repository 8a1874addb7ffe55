import { decodeJwt } from 'jose';
import { GUEST_ISSUER, verifyGuestToken } from './guest-token.js';
import type { Identity } from './identity.js';
import { type CognitoSettings, verifyUserToken } from './user-token.js';

/** What token verification needs to know. */
export interface TokenSettings {
  guestTokenSecret: string;
  cognito: CognitoSettings;
}

/**
 * Verifies either kind of token. The unverified issuer only picks the verifier; each verifier then
 * checks signature, algorithm and issuer itself, so claiming the other issuer gains nothing.
 */
export async function verifyToken(token: string, settings: TokenSettings): Promise<Identity> {
  const issuer = decodeJwt(token).iss;
  if (issuer === GUEST_ISSUER) return verifyGuestToken(token, settings.guestTokenSecret);
  return verifyUserToken(token, settings.cognito);
}

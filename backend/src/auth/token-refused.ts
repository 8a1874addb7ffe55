import { errors } from 'jose';

/** Why a token was refused, as `GET /session` tells the SDK: it may renew an expired token, not an invalid one. */
export type RefusalReason = 'expired' | 'invalid';

/** A token that `$connect` would refuse; its message stays in the logs, its reason may reach the client. */
export class TokenRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'TokenRefused';
  }

  /**
   * Classifies an error from verifying a token. Expired means a valid signature past its `exp` (jose
   * checks claims only after the signature). A JWKS that could not be fetched is not the token's
   * fault: that error is returned as is, so the caller answers it as a server fault.
   */
  static from(error: unknown): Error {
    if (error instanceof TokenRefused) return error;
    if (error instanceof errors.JWTExpired) return new TokenRefused('expired', error.message);
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return error;
    if (error instanceof errors.JOSEError) return new TokenRefused('invalid', error.message);
    return error instanceof Error ? error : new Error(String(error));
  }
}

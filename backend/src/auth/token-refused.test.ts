import { errors } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenRefused } from './token-refused.js';

describe('TokenRefused.from', () => {
  it('says expired only for jose’s expiry error (raised after the signature was checked)', () => {
    const expired = TokenRefused.from(new errors.JWTExpired('"exp" claim timestamp check failed', {}));
    expect(expired).toMatchObject({ reason: 'expired' });
  });

  it('says invalid for every other token fault', () => {
    for (const error of [
      new errors.JWSSignatureVerificationFailed(),
      new errors.JWTClaimValidationFailed('aud', {}),
      new errors.JOSEAlgNotAllowed('alg'),
      new errors.JWKSNoMatchingKey(),
      new errors.JWTInvalid('bad'),
    ]) {
      expect(TokenRefused.from(error), error.name).toMatchObject({ reason: 'invalid' });
    }
  });

  it('passes a failed key fetch through as a server fault, not a refusal of the token', () => {
    for (const error of [
      new errors.JWKSTimeout(),
      new errors.JWKSInvalid('bad'),
      new TypeError('fetch failed'),
    ]) {
      const classified = TokenRefused.from(error);
      expect(classified).toBe(error);
      expect(classified).not.toBeInstanceOf(TokenRefused);
    }
  });
});

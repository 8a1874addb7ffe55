import { integer, required } from '../config.js';
import { type GuestKeyRing, parseGuestKeys } from './guest-keys.js';
import type { CognitoSettings } from './user-token.js';

/** A fixed-window limit on requests from one source IP, per route. */
export interface IpLimit {
  requests: number;
  windowMs: number;
}

/** What token issuing and verification need: read only by the authorizer, `POST /guest` and `GET /session`. */
export interface AuthConfig {
  /** HMAC keys of guest tokens: the current one signs, the previous one still verifies. */
  guestKeys: GuestKeyRing;
  guestTokenTtlSeconds: number;
  /** How long a guest identity may be renewed, counted from its first issue. */
  guestIdentityMaxAgeSeconds: number;
  /** Requests per source IP on `POST /guest` and on `GET /session` (each counted apart). */
  ipLimit: IpLimit;
  cognito: CognitoSettings;
}

const DAY = 24 * 3600;

/** Builds the auth configuration from an environment, throwing on anything missing or weak. */
export function loadAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const guestKeys = parseGuestKeys(required(env, 'GUEST_TOKEN_SECRET'));
  const region = env.AWS_REGION || 'us-east-1';
  const poolId = required(env, 'COGNITO_USER_POOL_ID');
  const issuer = env.COGNITO_ISSUER || `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  const guestTokenTtlSeconds = integer(env, 'GUEST_TOKEN_TTL_SECONDS', 3600, 60);
  const guestIdentityMaxAgeSeconds = integer(env, 'GUEST_IDENTITY_MAX_AGE_SECONDS', 30 * DAY, 60);
  return {
    guestKeys,
    guestTokenTtlSeconds,
    guestIdentityMaxAgeSeconds,
    ipLimit: {
      requests: integer(env, 'IP_LIMIT_REQUESTS', 20, 1),
      windowMs: integer(env, 'IP_LIMIT_WINDOW_SECONDS', 60, 1) * 1000,
    },
    cognito: {
      issuer,
      jwksUrl: env.COGNITO_JWKS_URL || `${issuer}/.well-known/jwks.json`,
      clientId: required(env, 'COGNITO_CLIENT_ID'),
    },
  };
}

/** The auth configuration of this Lambda instance, read at cold start. */
export const authConfig: AuthConfig = loadAuthConfig(process.env);

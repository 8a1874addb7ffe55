import { integer, required } from '../config.js';
import type { CognitoSettings } from './user-token.js';

/** What token issuing and verification need: read only by the authorizer and `POST /guest`. */
export interface AuthConfig {
  /** HMAC key for guest tokens; at least 32 characters. */
  guestTokenSecret: string;
  guestTokenTtlSeconds: number;
  cognito: CognitoSettings;
}

/** Builds the auth configuration from an environment, throwing on anything missing or weak. */
export function loadAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const secret = required(env, 'GUEST_TOKEN_SECRET');
  if (secret.length < 32) throw new Error('GUEST_TOKEN_SECRET must be at least 32 characters');
  const region = env.AWS_REGION || 'us-east-1';
  const poolId = required(env, 'COGNITO_USER_POOL_ID');
  const issuer = env.COGNITO_ISSUER || `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  return {
    guestTokenSecret: secret,
    guestTokenTtlSeconds: integer(env, 'GUEST_TOKEN_TTL_SECONDS', 3600, 60),
    cognito: {
      issuer,
      jwksUrl: env.COGNITO_JWKS_URL || `${issuer}/.well-known/jwks.json`,
      clientId: required(env, 'COGNITO_CLIENT_ID'),
    },
  };
}

/** The auth configuration of this Lambda instance, read at cold start. */
export const authConfig: AuthConfig = loadAuthConfig(process.env);

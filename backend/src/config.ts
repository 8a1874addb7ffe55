/** Backend configuration, read once at cold start; a missing or bad variable fails fast. */
export interface Config {
  tableName: string;
  /** HMAC key for guest tokens; at least 32 characters. */
  guestTokenSecret: string;
  guestTokenTtlSeconds: number;
  /** Set locally (dynalite); empty on AWS. */
  dynamoEndpoint: string | undefined;
  /** Set locally (serverless-offline); on AWS the @connections URL comes from the request. */
  connectionsUrl: string | undefined;
  region: string;
}

/** Builds the configuration from an environment, throwing on anything missing. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const secret = required(env, 'GUEST_TOKEN_SECRET');
  if (secret.length < 32) throw new Error('GUEST_TOKEN_SECRET must be at least 32 characters');
  const ttl = Number(env.GUEST_TOKEN_TTL_SECONDS || 3600);
  if (!Number.isInteger(ttl) || ttl < 60) throw new Error('GUEST_TOKEN_TTL_SECONDS must be an integer >= 60');
  return {
    tableName: required(env, 'TABLE_NAME'),
    guestTokenSecret: secret,
    guestTokenTtlSeconds: ttl,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    connectionsUrl: env.CONNECTIONS_URL || undefined,
    region: env.AWS_REGION || 'us-east-1',
  };
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

/** The configuration of this Lambda instance. */
export const config: Config = loadConfig(process.env);

/** Per-identity-kind abuse limits: guests get the stricter set. */
export interface Limits {
  /** Frames an identity may send per rate window, across all its connections. */
  framesPerWindow: number;
  /** Rooms one connection may have joined at once. */
  roomsPerConnection: number;
  /** Live connections one identity may hold at once. */
  connectionsPerIdentity: number;
}

/** Backend configuration, read once at cold start; a missing or bad variable fails fast. */
export interface Config {
  tableName: string;
  /** Set locally (dynalite); empty on AWS. */
  dynamoEndpoint: string | undefined;
  /** Set locally (serverless-offline); on AWS the @connections URL comes from the request. */
  connectionsUrl: string | undefined;
  region: string;
  /** Length of a rate-limit window, in ms. */
  rateWindowMs: number;
  guestLimits: Limits;
  userLimits: Limits;
  /** Messages expire after this many days; 0 keeps them forever. */
  messageRetentionDays: number;
  /** A connection's typing frames are relayed at most once per this many ms per room. */
  typingThrottleMs: number;
  /** Room names usable without `create` (chat/rooms.ts isOpenRoomName): `*`, or names and `prefix*`es. */
  openRooms: string;
  /** Rooms with more subscriptions than this are fanned out by worker functions, in parallel. */
  fanoutInlineMax: number;
  /** Subscriptions one fan-out worker posts to. */
  fanoutBatchSize: number;
  /** The fan-out worker function's name; empty: every fan-out runs inline. */
  fanoutWorker: string | undefined;
  /** Set locally (serverless-offline's Lambda endpoint); empty on AWS. */
  lambdaEndpoint: string | undefined;
  /**
   * A closed connection's departure is announced only if its user is still gone after this many
   * seconds (0: at once, in `$disconnect`). Needs `departuresQueueUrl`.
   */
  presenceGraceSeconds: number;
  /** The SQS delay queue that hands departures to the `departures` function; empty: announced at once. */
  departuresQueueUrl: string | undefined;
  /** Set locally (the local gateway's stand-in queue); empty on AWS. */
  sqsEndpoint: string | undefined;
}

/**
 * Builds the configuration every handler shares from an environment, throwing on anything missing.
 * Token secrets are not in it: only the two functions that need them read them (auth/auth-config.ts).
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const region = env.AWS_REGION || 'us-east-1';
  return {
    tableName: required(env, 'TABLE_NAME'),
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    connectionsUrl: env.CONNECTIONS_URL || undefined,
    region,
    rateWindowMs: integer(env, 'RATE_WINDOW_MS', 10_000, 1000),
    guestLimits: {
      framesPerWindow: integer(env, 'RATE_LIMIT_GUEST', 30, 1),
      roomsPerConnection: integer(env, 'MAX_ROOMS_GUEST', 5, 1),
      connectionsPerIdentity: integer(env, 'MAX_CONNECTIONS_GUEST', 5, 1),
    },
    userLimits: {
      framesPerWindow: integer(env, 'RATE_LIMIT_USER', 100, 1),
      roomsPerConnection: integer(env, 'MAX_ROOMS_USER', 50, 1),
      connectionsPerIdentity: integer(env, 'MAX_CONNECTIONS_USER', 20, 1),
    },
    messageRetentionDays: integer(env, 'MESSAGE_RETENTION_DAYS', 0, 0),
    typingThrottleMs: integer(env, 'TYPING_THROTTLE_MS', 2000, 100),
    openRooms: env.OPEN_ROOMS ?? '*',
    fanoutInlineMax: integer(env, 'FANOUT_INLINE_MAX', 500, 1),
    fanoutBatchSize: integer(env, 'FANOUT_BATCH_SIZE', 500, 1),
    fanoutWorker: env.FANOUT_WORKER || undefined,
    lambdaEndpoint: env.LAMBDA_ENDPOINT || undefined,
    // SQS delays a message by at most 900 s.
    presenceGraceSeconds: Math.min(integer(env, 'PRESENCE_GRACE_SECONDS', 10, 0), 900),
    departuresQueueUrl: env.DEPARTURES_QUEUE_URL || undefined,
    sqsEndpoint: env.SQS_ENDPOINT || undefined,
  };
}

/** Reads a variable that must be set. */
export function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

/** Reads a whole number of at least `min`, or `fallback` when unset. */
export function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}`);
  return value;
}

/** The configuration of this Lambda instance. */
export const config: Config = loadConfig(process.env);

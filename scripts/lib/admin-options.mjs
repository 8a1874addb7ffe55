// What the admin CLI (scripts/admin.mjs) reads from its command line and environment: where the stack
// is, who signs in, and durations such as `30m` or `7d`. Kept apart from the CLI so it can be tested.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const UNITS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * Seconds of a duration written `90s`, `30m`, `12h`, `7d` or `2w` (a bare number is seconds); undefined
 * for `forever` or nothing. Throws on anything else.
 */
export function parseDuration(text) {
  if (text === undefined || text === 'forever') return undefined;
  const match = /^(\d+)([smhdw]?)$/.exec(String(text).trim());
  if (!match) throw new Error(`not a duration: ${text} (try 30m, 12h, 7d or forever)`);
  const seconds = Number(match[1]) * UNITS[match[2] || 's'];
  if (seconds < 1) throw new Error('a duration must be at least 1 s');
  return seconds;
}

/** `on`/`off` (or true/false) as a boolean; undefined when not given. */
export function parseSwitch(name, text) {
  if (text === undefined) return undefined;
  if (text === 'on' || text === 'true') return true;
  if (text === 'off' || text === 'false') return false;
  throw new Error(`--${name} takes on or off`);
}

/**
 * Where the CLI connects and how it signs in: flags first, then environment variables, then the
 * local stack running on the data folder (`npm start`: its ports and its cognito-local pool).
 */
export function connectionOf(flags, env = process.env) {
  const dataDir = resolve(flags['data-dir'] ?? env.DATA_DIR ?? '.local');
  const local = readLocalStack(dataDir);
  const connection = {
    wsUrl: flags['ws-url'] ?? env.CHAT_WS_URL ?? local?.wsUrl,
    httpUrl: flags['http-url'] ?? env.CHAT_HTTP_URL ?? local?.httpUrl,
    token: flags.token ?? env.CHAT_ADMIN_TOKEN,
    email: flags.email ?? env.CHAT_ADMIN_EMAIL,
    password: flags.password ?? env.CHAT_ADMIN_PASSWORD,
    userPoolId: flags['user-pool-id'] ?? env.COGNITO_USER_POOL_ID ?? local?.userPoolId,
    clientId: flags['client-id'] ?? env.COGNITO_CLIENT_ID ?? local?.clientId,
    region: flags.region ?? env.AWS_REGION ?? 'eu-west-1',
    /** Only for cognito-local: its URL (AWS uses the region's endpoint). */
    cognitoEndpoint: flags['cognito-endpoint'] ?? env.COGNITO_ENDPOINT ?? local?.cognitoEndpoint,
  };
  return connection;
}

/** The local stack running on `dataDir`, if its record and pool are there. */
function readLocalStack(dataDir) {
  const record = join(dataDir, 'stack.json');
  if (!existsSync(record)) return undefined;
  const { ports } = JSON.parse(readFileSync(record, 'utf8'));
  const poolFile = join(dataDir, 'cognito.json');
  const pool = existsSync(poolFile) ? JSON.parse(readFileSync(poolFile, 'utf8')) : {};
  return {
    wsUrl: `ws://localhost:${ports.wsPort}`,
    httpUrl: `http://localhost:${ports.httpPort}`,
    cognitoEndpoint: `http://127.0.0.1:${ports.cognitoPort}`,
    userPoolId: pool.userPoolId,
    clientId: pool.clientId,
  };
}

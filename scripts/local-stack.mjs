// The local stack: dynalite, cognito-local, serverless-offline (via osls) and a static server for the
// demo page and the widget's CDN build. Used by `npm start` and by the integration and browser tests.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import yaml from 'js-yaml';
import { startLocalGateway } from './local-gateway.mjs';
import { startStaticServer } from './static-server.mjs';

const require = createRequire(import.meta.url);
/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'eu-west-1';
/** serverless.yml names the table `${service}-${stage}`; the local stage is `local`. */
export const LOCAL_TABLE = 'org-chat-local';

/** The seven ports of a stack laid out from one base port (tests and benchmarks run stacks side by side). */
export function stackPorts(base) {
  return {
    httpPort: base,
    wsPort: base + 1,
    lambdaPort: base + 2,
    dynamoPort: base + 3,
    cognitoPort: base + 4,
    webPort: base + 5,
    offlineWsPort: base + 6,
  };
}

/** Ports and data folder, each overridable by an environment variable. */
export function configFromEnv(env = process.env) {
  const port = (name, fallback) => Number(env[name] || fallback);
  return {
    httpPort: port('HTTP_PORT', 3000),
    wsPort: port('WS_PORT', 3001),
    lambdaPort: port('LAMBDA_PORT', 3002),
    dynamoPort: port('DYNAMODB_PORT', 8000),
    cognitoPort: port('COGNITO_PORT', 9229),
    webPort: port('WEB_PORT', 8080),
    // serverless-offline's own WebSocket server, behind the local gateway on WS_PORT.
    offlineWsPort: port('OFFLINE_WS_PORT', 3003),
    dataDir: resolve(ROOT, env.DATA_DIR || '.local'),
    logLevel: env.LOG_LEVEL || 'WARN',
    quiet: false,
    /** Extra environment for the handlers (tests tighten or loosen limits with it). */
    backendEnv: {},
  };
}

/**
 * Starts every part and resolves once the HTTP API answers /health.
 * Returns the URLs and `stop()`, which ends every child process.
 */
export async function startStack(config) {
  mkdirSync(config.dataDir, { recursive: true });
  const children = [];
  const closers = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    await Promise.all(closers.map((close) => close()));
  };
  const killAll = () => {
    for (const child of children) killGroup(child, 'SIGKILL');
  };
  process.once('exit', killAll);
  try {
    const dynamoUrl = `http://127.0.0.1:${config.dynamoPort}`;
    children.push(startDynalite(config));
    await retry(() => ensureTable(dynamoUrl), 30_000);

    const cognitoUrl = `http://127.0.0.1:${config.cognitoPort}`;
    children.push(startCognito(config));
    const cognito = await ensureUserPool(cognitoUrl, config.dataDir);

    const urls = {
      http: `http://localhost:${config.httpPort}`,
      ws: `ws://localhost:${config.wsPort}`,
      web: `http://localhost:${config.webPort}`,
      dynamodb: dynamoUrl,
      cognito: cognitoUrl,
      // The emulator's @connections API (what the handlers post to), behind no gateway.
      connections: `http://localhost:${config.offlineWsPort}`,
    };
    const offline = startOffline(config, {
      DYNAMODB_ENDPOINT: dynamoUrl,
      CONNECTIONS_URL: urls.connections,
      LAMBDA_ENDPOINT: `http://localhost:${config.lambdaPort}`,
      GUEST_TOKEN_SECRET: guestTokenSecret(config.dataDir),
      COGNITO_USER_POOL_ID: cognito.userPoolId,
      COGNITO_CLIENT_ID: cognito.clientId,
      // cognito-local signs with issuer http://<HOST>:<PORT>/<poolId>.
      COGNITO_ISSUER: `${cognitoUrl}/${cognito.userPoolId}`,
      ...config.backendEnv,
      LOG_LEVEL: config.logLevel,
    });
    children.push(offline);
    await waitForHttp(`${urls.http}/health`, offline, 180_000);
    const gateway = await startLocalGateway({
      port: config.wsPort,
      upstream: `ws://127.0.0.1:${config.offlineWsPort}`,
      log: (line) => process.stdout.write(`[gateway] ${line}\n`),
    });
    closers.push(gateway.close);

    closers.push(
      await startStaticServer({
        port: config.webPort,
        root: ROOT,
        values: { WS_URL: urls.ws, HTTP_URL: urls.http },
      }),
    );
    process.removeListener('exit', killAll);
    process.once('exit', killAll);
    return { urls, cognito, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// A child process rather than in-process: inside a test runner's worker, module interception changed
// dynalite's number parsing ("cannot be converted to a numeric value"); a process of its own is immune.
function startDynalite(config) {
  const args = [
    require.resolve('dynalite/cli.js'),
    '--host',
    '127.0.0.1',
    '--port',
    String(config.dynamoPort),
  ];
  args.push(
    '--path',
    join(config.dataDir, 'dynamodb'),
    '--createTableMs',
    '0',
    '--deleteTableMs',
    '0',
    '--updateTableMs',
    '0',
  );
  return spawnChild('dynalite', process.execPath, args, { cwd: ROOT, env: process.env, quiet: true });
}

/** Creates the table from backend/table.yml, the same definition serverless.yml deploys. */
async function ensureTable(endpoint) {
  const db = new DynamoDBClient({ endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await db.send(new DescribeTableCommand({ TableName: LOCAL_TABLE }));
    return;
  } catch (error) {
    if (error.name !== 'ResourceNotFoundException') throw error;
  }
  const { Properties } = yaml.load(readFileSync(join(ROOT, 'backend/table.yml'), 'utf8'));
  // dynalite has no TTL (UpdateTimeToLive); reads filter expired items instead.
  const { TimeToLiveSpecification: _ttl, ...definition } = Properties;
  await db.send(new CreateTableCommand({ ...definition, TableName: LOCAL_TABLE }));
}

function startCognito(config) {
  const cwd = join(config.dataDir, 'cognito');
  mkdirSync(cwd, { recursive: true });
  return spawnChild('cognito-local', process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd,
    env: { ...process.env, PORT: String(config.cognitoPort), HOST: '127.0.0.1' },
    quiet: true,
  });
}

/** Reuses the pool and client recorded in the data folder, or creates them. */
async function ensureUserPool(endpoint, dataDir) {
  const file = join(dataDir, 'cognito.json');
  const cognito = new CognitoIdentityProviderClient({
    endpoint,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  await retry(
    () =>
      cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'probe' })).catch((e) => {
        if (e.name !== 'ResourceNotFoundException') throw e;
      }),
    30_000,
  );
  if (existsSync(file)) {
    const known = JSON.parse(readFileSync(file, 'utf8'));
    try {
      await cognito.send(new DescribeUserPoolCommand({ UserPoolId: known.userPoolId }));
      return known;
    } catch {
      // The pool was lost with cognito-local's data: make a new one below.
    }
  }
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: 'org-chat-local',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 10,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
        },
      },
    }),
  );
  const { UserPoolClient } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: UserPool.Id,
      ClientName: 'chat-sdk',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const ids = { userPoolId: UserPool.Id, clientId: UserPoolClient.ClientId };
  writeFileSync(file, `${JSON.stringify(ids, null, 2)}\n`);
  return ids;
}

/** A signing key made once per data folder, so guest tokens survive restarts. */
function guestTokenSecret(dataDir) {
  const file = join(dataDir, 'guest-token-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function startOffline(config, env) {
  // A fresh bundle folder per stack: stale bundles from an older build must never be loaded.
  const workFolder = `.esbuild/stack-${config.httpPort}`;
  rmSync(join(ROOT, workFolder), { recursive: true, force: true });
  const args = [
    require.resolve('osls/bin/serverless.js'),
    'offline',
    'start',
    '--stage',
    'local',
    '--httpPort',
    String(config.httpPort),
    '--websocketPort',
    String(config.offlineWsPort),
    // The local gateway (scripts/local-gateway.mjs) keeps API Gateway's idle timeout.
    '--webSocketIdleTimeout',
    String(2 * 60 * 60),
    '--lambdaPort',
    String(config.lambdaPort),
  ];
  return spawnChild('serverless-offline', process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      ESBUILD_WORK_FOLDER: workFolder,
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      FORCE_COLOR: '0',
    },
    quiet: config.quiet,
  });
}

function spawnChild(name, command, args, { cwd, env, quiet }) {
  // Own process group, so stopping kills grandchildren (esbuild) too.
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.label = name;
  child.output = '';
  const collect = (chunk) => {
    child.output = (child.output + chunk).slice(-20_000);
    if (!quiet) process.stdout.write(prefixLines(name, chunk.toString()));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  return child;
}

function prefixLines(name, text) {
  return text.replace(/^(?=.)/gm, `[${name}] `);
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
}

async function waitForHttp(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${child.label} exited (${child.exitCode}) before ${url} answered:\n${child.output}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((ok) => setTimeout(ok, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output}`);
}

async function retry(fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
}

// The local stack: dynalite, cognito-local, serverless-offline (via osls) and a static server for the
// demo page and the widget's CDN build. Used by `npm start` and by the integration and browser tests.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import yaml from 'js-yaml';
import { confirmationCodeReader } from './lib/cognito-codes.mjs';
import { killGroup, spawnPart, stopPart } from './lib/parts.mjs';
import { checkPorts } from './lib/ports.mjs';
import { removeStackRecord, runningStack, writeStackRecord } from './lib/stack-record.mjs';
import { handleTrigger, writeCognitoConfig } from './local-cognito-trigger.mjs';
import { startLocalGateway } from './local-gateway.mjs';
import { localQueue } from './local-queue.mjs';
import { startStaticServer } from './static-server.mjs';

const require = createRequire(import.meta.url);
/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'eu-west-1';
/** The Cognito group of site admins (backend/src/auth/identity.ts SITE_ADMIN_GROUP, deploy/cognito.yml). */
export const SITE_ADMIN_GROUP = 'chat-admins';
/** serverless.yml names the table `${service}-${stage}`; the local stage is `local`. */
export const LOCAL_TABLE = 'org-chat-local';

/** The function that settles departures after the presence grace period; its queue bears its name. */
const DEPARTURES_FUNCTION = 'org-chat-local-departures';

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
    /** Handlers reloaded after each rebuild (`npm run dev`): worker threads instead of in-process. */
    reloadHandlers: false,
    /** Called with `{ code, destination, username }` for every code cognito-local "sends". */
    onConfirmationCode: undefined,
  };
}

/**
 * Checks that the data folder is not in use and every port is free, then starts every part and resolves
 * once the HTTP API answers /health. Returns the URLs, the Cognito ids, `stop()`, which ends every child
 * process, `crashed`, a promise that resolves if a part exits on its own after the start, and `gateway`,
 * the local gateway's live counters.
 * Each child also exits by itself when this process ends in any way, even by SIGKILL.
 */
export async function startStack(config) {
  mkdirSync(config.dataDir, { recursive: true });
  const running = runningStack(config.dataDir);
  if (running) {
    throw Object.assign(
      new Error(
        `A stack (process ${running.alive.join(', ')}) is already running on ${config.dataDir}: stop it first, or set DATA_DIR to another folder.`,
      ),
      { code: 'data_in_use' },
    );
  }
  await checkPorts(config);

  const children = [];
  const closers = [];
  let state = 'starting';
  let failStart;
  const startFailed = new Promise((_, reject) => {
    failStart = reject;
  });
  startFailed.catch(() => {});
  let reportCrash;
  const crashed = new Promise((resolve) => {
    reportCrash = resolve;
  });
  const record = () =>
    writeStackRecord(config.dataDir, {
      pid: process.pid,
      ports: portsOf(config),
      children: children.map((child) => ({ name: child.label, pid: child.pid })),
    });
  const watch = (child) => {
    children.push(child);
    record();
    child.exited.then(({ code, signal }) => {
      if (state === 'stopping') return;
      const detail = `${child.label} exited (${signal ?? `code ${code}`})`;
      if (state === 'starting')
        failStart(new Error(`${detail} before the stack was up:\n${tail(child.output)}`));
      else reportCrash({ name: child.label, code, signal, output: tail(child.output) });
    });
    return child;
  };
  /** Waits for `promise` unless a part exits first. */
  const unlessAPartExits = (promise) => Promise.race([promise, startFailed]);
  const stop = async () => {
    state = 'stopping';
    await Promise.all(children.map(stopPart));
    await Promise.all(closers.map((close) => close()));
    removeStackRecord(config.dataDir);
  };
  const killAll = () => {
    for (const child of children) killGroup(child, 'SIGKILL');
  };
  process.once('exit', killAll);
  try {
    const dynamoUrl = `http://127.0.0.1:${config.dynamoPort}`;
    watch(startDynalite(config));
    await unlessAPartExits(
      retry(
        () => ensureTable(dynamoUrl),
        30_000,
        () => state !== 'starting',
      ),
    );

    const cognitoUrl = `http://127.0.0.1:${config.cognitoPort}`;
    watch(startCognito(config));
    const cognito = await unlessAPartExits(
      ensureUserPool(cognitoUrl, config.dataDir, () => state !== 'starting'),
    );

    const urls = {
      http: `http://localhost:${config.httpPort}`,
      ws: `ws://localhost:${config.wsPort}`,
      web: `http://localhost:${config.webPort}`,
      dynamodb: dynamoUrl,
      cognito: cognitoUrl,
      // The emulator's @connections API (what the handlers post to), behind no gateway.
      connections: `http://localhost:${config.offlineWsPort}`,
    };
    const lambdaEndpoint = `http://localhost:${config.lambdaPort}`;
    // SQS's stand-in, answered on the local gateway's port (scripts/local-queue.mjs). It invokes
    // functions where the handlers do (the bench counts invocations through LAMBDA_ENDPOINT).
    const queue = localQueue({
      lambdaEndpoint: config.backendEnv.LAMBDA_ENDPOINT || lambdaEndpoint,
      log: (line) => process.stdout.write(`[queue] ${line}\n`),
    });
    closers.push(async () => queue.close());
    const sqsEndpoint = `http://127.0.0.1:${config.wsPort}`;
    const offline = watch(
      startOffline(config, {
        DYNAMODB_ENDPOINT: dynamoUrl,
        CONNECTIONS_URL: urls.connections,
        LAMBDA_ENDPOINT: lambdaEndpoint,
        SQS_ENDPOINT: sqsEndpoint,
        DEPARTURES_QUEUE_URL: `${sqsEndpoint}/000000000000/${DEPARTURES_FUNCTION}`,
        GUEST_TOKEN_SECRET: guestTokenSecret(config.dataDir),
        COGNITO_USER_POOL_ID: cognito.userPoolId,
        COGNITO_CLIENT_ID: cognito.clientId,
        // cognito-local signs with issuer http://<HOST>:<PORT>/<poolId>.
        COGNITO_ISSUER: `${cognitoUrl}/${cognito.userPoolId}`,
        ...config.backendEnv,
        LOG_LEVEL: config.logLevel,
        // Each handler prints its metrics as a JSON line (EMF); locally only when the logs ask for INFO.
        POWERTOOLS_METRICS_DISABLED: /^(trace|debug|info)$/i.test(config.logLevel) ? 'false' : 'true',
      }),
    );
    await unlessAPartExits(waitForHttp(`${urls.http}/health`, offline, 180_000, () => state !== 'starting'));
    const gateway = await startLocalGateway({
      port: config.wsPort,
      upstream: `ws://127.0.0.1:${config.offlineWsPort}`,
      log: (line) => process.stdout.write(`[gateway] ${line}\n`),
      onHttp: async (req, res) => (await queue.handle(req, res)) || handleTrigger(req, res),
    });
    closers.push(gateway.close);

    closers.push(
      await startStaticServer({
        port: config.webPort,
        root: ROOT,
        values: {
          WS_URL: urls.ws,
          HTTP_URL: urls.http,
          // The demo page offers sign-in on the local pool; cognito-local has no SRP.
          COGNITO_USER_POOL_ID: cognito.userPoolId,
          COGNITO_CLIENT_ID: cognito.clientId,
          COGNITO_ENDPOINT: `${cognitoUrl}/`,
          COGNITO_AUTH_FLOW: 'USER_PASSWORD_AUTH',
        },
      }),
    );
    state = 'running';
    process.removeListener('exit', killAll);
    process.once('exit', killAll);
    // `gateway` counts what the local gateway did (pongs answered, frames passed on): the benchmark's
    // measure of what an idle connection costs.
    return { urls, cognito, stop, crashed, gateway: gateway.stats, queue: queue.stats };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The ports a stack uses, by config key. */
function portsOf(config) {
  const { httpPort, wsPort, lambdaPort, dynamoPort, cognitoPort, webPort, offlineWsPort } = config;
  return { httpPort, wsPort, lambdaPort, dynamoPort, cognitoPort, webPort, offlineWsPort };
}

/** The last lines of a part's output, for an error message. */
function tail(output) {
  return output.split('\n').slice(-40).join('\n');
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
  return spawnPart('dynalite', args, { cwd: ROOT, env: process.env, quiet: true });
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
  // Its PreTokenGeneration trigger is answered by the local gateway (scripts/local-cognito-trigger.mjs).
  writeCognitoConfig(cwd, `http://127.0.0.1:${config.wsPort}`);
  return spawnPart('cognito-local', [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd,
    env: { ...process.env, PORT: String(config.cognitoPort), HOST: '127.0.0.1' },
    quiet: true,
    onOutput: config.onConfirmationCode && confirmationCodeReader(config.onConfirmationCode),
  });
}

/** Reuses the pool and client recorded in the data folder, or creates them. */
async function ensureUserPool(endpoint, dataDir, givenUp) {
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
    givenUp,
  );
  if (existsSync(file)) {
    const known = JSON.parse(readFileSync(file, 'utf8'));
    try {
      await cognito.send(new DescribeUserPoolCommand({ UserPoolId: known.userPoolId }));
      await ensureAdminGroup(cognito, known.userPoolId);
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
  await ensureAdminGroup(cognito, UserPool.Id);
  writeFileSync(file, `${JSON.stringify(ids, null, 2)}\n`);
  return ids;
}

/**
 * Creates the site admins' group in the pool unless it is there (pools made before it existed).
 * cognito-local's CreateGroup overwrites a group with its members, so the list is read first.
 */
async function ensureAdminGroup(cognito, userPoolId) {
  const { Groups = [] } = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  if (Groups.some((group) => group.GroupName === SITE_ADMIN_GROUP)) return;
  await cognito.send(new CreateGroupCommand({ GroupName: SITE_ADMIN_GROUP, UserPoolId: userPoolId }));
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
  // serverless-esbuild rebuilds the handlers on every change and tells serverless-offline, which then
  // drops its idle handler workers; in-process handlers would stay cached by `require`, so a dev stack
  // runs them in worker threads, each loading the latest bundle.
  if (config.reloadHandlers) args.push('--no-useInProcess');
  return spawnPart('serverless-offline', args, {
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

async function waitForHttp(url, child, timeoutMs, givenUp) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !givenUp()) {
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

/** Calls `fn` until it resolves, for up to `timeoutMs`, or until `givenUp()` says the start failed. */
async function retry(fn, timeoutMs, givenUp = () => false) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline || givenUp()) throw error;
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
}

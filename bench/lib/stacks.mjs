// Everything the bench measures against, on ports from BENCH_PORT_BASE (default 19500):
// - our local stack (scripts/local-stack.mjs) in a process of its own (bench/lib/stack-process.mjs), its
//   DynamoDB, @connections and Lambda calls routed through the counting proxy by `backendEnv` overrides;
// - the minimal handler (bench/minimal) on its own serverless-offline, same dynalite, its own table,
//   its calls through the same proxy process, behind the same local gateway as ours, in a process of
//   its own (bench/lib/gateway-process.mjs): both backends have the same front and the same hops;
// - the bare `ws` broadcast server;
// - TCP proxies in front of both gateways for the reconnect storm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ROOT, stackPorts } from '../../scripts/local-stack.mjs';
import { startNode } from './processes.mjs';

const MINIMAL_TABLE = 'bench-minimal';

/**
 * Limits of our stack during the bench. The abuse limits are lifted (the limiter still runs on every
 * frame): the throughput senders go far past a person's rate, and the latency rooms' listeners share
 * a few guest identities (so joining 2,000 of them does not cost 2,000 presence fan-outs), far more
 * connections per identity than a visitor may hold. Fan-out settings are the defaults of serverless.yml.
 */
export const BENCH_LIMITS = {
  RATE_LIMIT_GUEST: '1000000',
  RATE_LIMIT_USER: '1000000',
  MAX_CONNECTIONS_GUEST: '100000',
  MAX_CONNECTIONS_USER: '100000',
};

/**
 * Moderation as a stage runs it unless it names a hook (serverless.yml: prod and staging name none):
 * the local stage's sample hook, one more Lambda invocation before every send, is off, so the send
 * path is judged on its own. What a hook costs is the moderation bench's to measure (moderation.mjs).
 */
export const BENCH_MODERATION = { MODERATION_HOOK: 'off' };

/**
 * BENCH_CPU_PROFILE=<folder>: both emulators (with their in-process handlers) write V8 CPU profiles
 * there when the bench stops them, to see where a backend's time per message goes.
 */
function profileEnv(name) {
  const folder = process.env.BENCH_CPU_PROFILE;
  return folder
    ? {
        NODE_OPTIONS: `--require ${join(ROOT, 'bench/lib/cpu-profile.cjs')}`,
        BENCH_CPU_PROFILE_OUT: join(folder, name),
      }
    : {};
}

/** The bench's ports. */
export function benchPorts(base = Number(process.env.BENCH_PORT_BASE || 19500)) {
  return {
    ours: stackPorts(base),
    minimal: { http: base + 10, ws: base + 11, lambda: base + 12, offlineWs: base + 13 },
    proxy: {
      control: base + 20,
      oursDynamo: base + 21,
      oursConnections: base + 22,
      minimalDynamo: base + 23,
      minimalConnections: base + 24,
      storm: base + 25,
      stormMinimal: base + 26,
      oursLambda: base + 27,
      oursQueue: base + 28,
    },
    bare: base + 30,
    control: { ours: base + 31, minimal: base + 32 },
    /** Lighthouse's static pages (bench/lighthouse.mjs). */
    pages: base + 33,
  };
}

/** Starts every part; resolves with their URLs, the proxy's control functions and `stop()`. */
export async function startBenchStacks({ log }) {
  const ports = benchPorts();
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-bench-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeData);
  const local = (port) => `http://127.0.0.1:${port}`;
  const parts = [];
  const starting = [];
  const stop = async () => {
    await Promise.allSettled(starting);
    await Promise.all(parts.map((part) => part.stop().catch(() => undefined)));
    removeData();
  };
  /** Starts a part; it is stopped by `stop()` even if the start fails half-way elsewhere. */
  const start = (name, args, options) => {
    const promise = startNode(name, args, { cwd: ROOT, timeoutMs: 20_000, ...options });
    starting.push(
      promise.then(
        (child) => parts.push(child),
        () => undefined,
      ),
    );
    return promise;
  };
  try {
    log('starting the counting proxy, our stack, the minimal handler and the bare ws server');
    await start('counting proxy', [
      join(ROOT, 'bench/lib/counting-proxy.mjs'),
      JSON.stringify({
        control: ports.proxy.control,
        http: [
          {
            name: 'oursDynamo',
            kind: 'dynamo',
            port: ports.proxy.oursDynamo,
            target: local(ports.ours.dynamoPort),
          },
          {
            name: 'oursConnections',
            kind: 'connections',
            port: ports.proxy.oursConnections,
            // The emulator's own @connections API, behind the gateway.
            target: local(ports.ours.offlineWsPort),
          },
          {
            name: 'oursLambda',
            kind: 'lambda',
            port: ports.proxy.oursLambda,
            target: local(ports.ours.lambdaPort),
          },
          {
            // The departures queue's stand-in, on our local gateway's port; SQS's JSON protocol names
            // its calls in X-Amz-Target, as DynamoDB's does.
            name: 'oursQueue',
            kind: 'dynamo',
            port: ports.proxy.oursQueue,
            target: local(ports.ours.wsPort),
          },
          {
            name: 'minimalDynamo',
            kind: 'dynamo',
            port: ports.proxy.minimalDynamo,
            target: local(ports.ours.dynamoPort),
          },
          {
            name: 'minimalConnections',
            kind: 'connections',
            port: ports.proxy.minimalConnections,
            target: local(ports.minimal.offlineWs),
          },
        ],
        tcp: [
          { name: 'storm', port: ports.proxy.storm, target: local(ports.ours.wsPort) },
          { name: 'stormMinimal', port: ports.proxy.stormMinimal, target: local(ports.minimal.ws) },
        ],
      }),
    ]);
    await start('bare ws server', [join(ROOT, 'bench/lib/bare-server.mjs'), String(ports.bare)]);

    const minimalOffline = start(
      'minimal handler (serverless-offline)',
      [
        join(ROOT, 'node_modules/osls/bin/serverless.js'),
        'offline',
        'start',
        '--httpPort',
        String(ports.minimal.http),
        '--websocketPort',
        String(ports.minimal.offlineWs),
        '--webSocketIdleTimeout',
        String(2 * 60 * 60),
        '--lambdaPort',
        String(ports.minimal.lambda),
      ],
      {
        cwd: join(ROOT, 'bench/minimal'),
        env: {
          ...process.env,
          MINIMAL_TABLE,
          DYNAMODB_ENDPOINT: local(ports.proxy.minimalDynamo),
          CONNECTIONS_URL: local(ports.proxy.minimalConnections),
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
          FORCE_COLOR: '0',
          ...profileEnv('minimal'),
        },
        ready: /Offline \[websocket\] listening/,
        timeoutMs: 180_000,
      },
    );
    minimalOffline.catch(() => undefined);

    const oursStarting = start(
      'our stack',
      [
        join(ROOT, 'bench/lib/stack-process.mjs'),
        JSON.stringify({
          ...ports.ours,
          controlPort: ports.control.ours,
          dataDir,
          quiet: true,
          logLevel: 'ERROR',
          backendEnv: {
            DYNAMODB_ENDPOINT: local(ports.proxy.oursDynamo),
            CONNECTIONS_URL: local(ports.proxy.oursConnections),
            LAMBDA_ENDPOINT: local(ports.proxy.oursLambda),
            SQS_ENDPOINT: local(ports.proxy.oursQueue),
            ...BENCH_LIMITS,
            ...BENCH_MODERATION,
            ...profileEnv('ours'),
          },
        }),
      ],
      { ready: /^ready \{.*\}$/m, timeoutMs: 240_000 },
    );
    const oursProcess = await oursStarting;
    const ours = JSON.parse(/^ready (\{.*\})$/m.exec(oursProcess.output)[1]);
    await createMinimalTable(ours.urls.dynamodb);
    await minimalOffline;
    await start('minimal gateway', [
      join(ROOT, 'bench/lib/gateway-process.mjs'),
      JSON.stringify({
        port: ports.minimal.ws,
        upstream: `ws://127.0.0.1:${ports.minimal.offlineWs}`,
        controlPort: ports.control.minimal,
      }),
    ]);
    log('all parts are up');

    const control = local(ports.proxy.control);
    const call = async (path, method = 'GET') => (await fetch(`${control}${path}`, { method })).json();
    const gatewayStats = (port) => async () => (await fetch(`${local(port)}/gateway`)).json();
    return {
      ports,
      ours: {
        ...ours.urls,
        cognitoPool: ours.cognito,
        bundles: join(ROOT, `.esbuild/stack-${ports.ours.httpPort}/.build`),
        gateway: gatewayStats(ports.control.ours),
      },
      minimal: {
        ws: `ws://127.0.0.1:${ports.minimal.ws}`,
        bundles: join(ROOT, 'bench/minimal/.esbuild/.build'),
        gateway: gatewayStats(ports.control.minimal),
      },
      bare: { ws: `ws://127.0.0.1:${ports.bare}` },
      storm: {
        ours: `ws://127.0.0.1:${ports.proxy.storm}`,
        minimal: `ws://127.0.0.1:${ports.proxy.stormMinimal}`,
      },
      proxy: {
        /** Counts by proxy name, then by call. */
        counts: () => call('/counts'),
        /** Departures our stack's queue still holds (bench/lib/stats.mjs quiet waits for none). */
        pending: async () => (await (await fetch(`${local(ports.control.ours)}/queue`)).json()).pending,
        /** Total ms per call, by proxy name, then by call. */
        timings: () => call('/timings'),
        reset: () => call('/reset', 'POST'),
        drop: (name) => call(`/tcp/${name}/drop`, 'POST'),
        accepts: (name, since) => call(`/tcp/${name}/accepts?since=${since}`),
      },
      pagesPort: ports.pages,
      /** Command lines of each backend's server processes (bench/lib/process-cpu.mjs reads their CPU time). */
      processes: {
        ours: {
          emulator: new RegExp(`serverless\\.js offline start .*--httpPort ${ports.ours.httpPort}\\b`),
          gateway: /bench\/lib\/stack-process\.mjs/,
          dynalite: new RegExp(`dynalite/cli\\.js .*--port ${ports.ours.dynamoPort}\\b`),
        },
        minimal: {
          emulator: new RegExp(`serverless\\.js offline start .*--httpPort ${ports.minimal.http}\\b`),
          gateway: /bench\/lib\/gateway-process\.mjs/,
          dynalite: new RegExp(`dynalite/cli\\.js .*--port ${ports.ours.dynamoPort}\\b`),
        },
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function createMinimalTable(endpoint) {
  const db = new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await db.send(
    new CreateTableCommand({
      TableName: MINIMAL_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
}

// Everything the bench measures against, on ports from BENCH_PORT_BASE (default 19500):
// - our local stack (scripts/local-stack.mjs), its DynamoDB and @connections calls routed through the
//   counting proxy by `backendEnv` overrides;
// - the minimal handler (bench/minimal) on its own serverless-offline, same dynalite, its own table,
//   its calls through the same proxy process;
// - the bare `ws` broadcast server;
// - a TCP proxy in front of our WebSocket port for the reconnect storm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { configFromEnv, ROOT, stackPorts, startStack } from '../../scripts/local-stack.mjs';
import { startNode } from './processes.mjs';

const MINIMAL_TABLE = 'bench-minimal';

/** The bench's ports. */
export function benchPorts(base = Number(process.env.BENCH_PORT_BASE || 19500)) {
  return {
    ours: stackPorts(base),
    minimal: { http: base + 10, ws: base + 11, lambda: base + 12 },
    proxy: {
      control: base + 20,
      oursDynamo: base + 21,
      oursConnections: base + 22,
      minimalDynamo: base + 23,
      minimalConnections: base + 24,
      storm: base + 25,
      stormMinimal: base + 26,
    },
    bare: base + 30,
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
  let minimalStarting;
  const stop = async () => {
    await Promise.all(parts.map((part) => part.stop().catch(() => undefined)));
    removeData();
  };
  try {
    log('starting the counting proxy, our stack, the minimal handler and the bare ws server');
    const proxyProcess = await startNode(
      'counting proxy',
      [
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
              // serverless-offline's own port: the local gateway on wsPort serves no @connections API.
              target: `http://localhost:${ports.ours.offlineWsPort}`,
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
              target: `http://localhost:${ports.minimal.ws}`,
            },
          ],
          tcp: [
            { name: 'storm', port: ports.proxy.storm, target: `http://localhost:${ports.ours.wsPort}` },
            {
              name: 'stormMinimal',
              port: ports.proxy.stormMinimal,
              target: `http://localhost:${ports.minimal.ws}`,
            },
          ],
        }),
      ],
      { cwd: ROOT, timeoutMs: 20_000 },
    );
    parts.push(proxyProcess);
    const bare = await startNode(
      'bare ws server',
      [join(ROOT, 'bench/lib/bare-server.mjs'), String(ports.bare)],
      {
        cwd: ROOT,
        timeoutMs: 20_000,
      },
    );
    parts.push(bare);

    minimalStarting = startNode(
      'minimal handler (serverless-offline)',
      [
        join(ROOT, 'node_modules/osls/bin/serverless.js'),
        'offline',
        'start',
        '--httpPort',
        String(ports.minimal.http),
        '--websocketPort',
        String(ports.minimal.ws),
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
        },
        ready: /Offline \[websocket\] listening/,
      },
    );
    minimalStarting.then((child) => parts.push(child)).catch(() => undefined);

    const ours = await startStack({
      ...configFromEnv({}),
      ...ports.ours,
      dataDir,
      quiet: true,
      logLevel: 'ERROR',
      backendEnv: {
        DYNAMODB_ENDPOINT: local(ports.proxy.oursDynamo),
        CONNECTIONS_URL: local(ports.proxy.oursConnections),
        // The senders of the throughput bench go far past the abuse limits; the limiter still runs.
        RATE_LIMIT_GUEST: '1000000',
        RATE_LIMIT_USER: '1000000',
      },
    });
    parts.push(ours);
    await createMinimalTable(ours.urls.dynamodb);
    await minimalStarting;
    log('all parts are up');

    const control = local(ports.proxy.control);
    const call = async (path, method = 'GET') => (await fetch(`${control}${path}`, { method })).json();
    return {
      ports,
      ours: { ...ours.urls, bundles: join(ROOT, `.esbuild/stack-${ports.ours.httpPort}/.build`) },
      minimal: {
        ws: `ws://127.0.0.1:${ports.minimal.ws}`,
        bundles: join(ROOT, 'bench/minimal/.esbuild/.build'),
      },
      bare: { ws: `ws://127.0.0.1:${ports.bare}` },
      storm: {
        ours: `ws://127.0.0.1:${ports.proxy.storm}`,
        minimal: `ws://127.0.0.1:${ports.proxy.stormMinimal}`,
      },
      proxy: {
        /** Counts by proxy name, then by call. */
        counts: () => call('/counts'),
        reset: () => call('/reset', 'POST'),
        drop: (name) => call(`/tcp/${name}/drop`, 'POST'),
        accepts: (name, since) => call(`/tcp/${name}/accepts?since=${since}`),
      },
      stop,
    };
  } catch (error) {
    await minimalStarting?.then((child) => child.stop()).catch(() => undefined);
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

// What moderation costs a send (issue 13): calls per send, counted at a proxy between the handlers and
// dynalite, @connections and the Lambda endpoint (the hook), and send→ack and send→delivery latency,
// for an unmoderated send (no hook, a room with no checks) next to moderated ones (a stage's default
// filters on in the room: block list, guests' links, duplicates, flood; and the sample hook).
//
//   npm run build && node bench/moderation.mjs     # ~2 minutes on 2 cores; writes bench/results/moderation.json
//
// `moderationCases` measures one running stack and can be called by bench/run.mjs with its own stacks.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { configFromEnv, ROOT, stackPorts, startStack } from '../scripts/local-stack.mjs';
import { startNode } from './lib/processes.mjs';
import { guestToken, RawClient } from './lib/raw-client.mjs';
import {
  callsBetween,
  inBatches,
  median,
  percentile,
  quiet,
  sleep,
  summarizeCalls,
  totalCalls,
} from './lib/stats.mjs';

const LISTENERS = 10;
const SENDERS = 10;
const COUNTED_SENDS = 10;
const TIMED_SENDS = 40;
const PACE_MS = 250;

/** The room settings of a moderated room: what a production stage sets by default (serverless.yml). */
export const DEFAULT_FILTERS = { links: 'users', duplicates: true, flood: true };

/**
 * Measures sends into a room of LISTENERS guests from SENDERS guests taking turns (so the flood
 * check, 5 per 10 s per identity, never trips), in a room with no checks and in one with the default
 * filters on. `proxy.counts()` gives calls by proxy name: `oursDynamo`, `oursConnections`, `oursLambda`.
 */
export async function moderationCases({ ours, proxy, moderator, log, label }) {
  const rows = [];
  for (const filters of [undefined, DEFAULT_FILTERS]) {
    const name = `${label}, ${filters ? 'default filters on' : 'room without checks (stage block list only)'}`;
    log(`moderation: ${name}`);
    rows.push({ case: name, ...(await measureRoom({ ours, proxy, moderator, filters })) });
  }
  return rows;
}

async function measureRoom({ ours, proxy, moderator, filters }) {
  const room = `modbench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const tokens = await inBatches(Array.from({ length: LISTENERS + SENDERS }), 5, async (_, i) => {
    return (await guestToken(ours.http, `Bench ${i}`)).token;
  });
  const clients = await inBatches(tokens, 5, (token) => RawClient.open(ours.ws, ['chat.v1', token]));
  try {
    const listeners = clients.slice(0, LISTENERS);
    const senders = clients.slice(LISTENERS);
    const arrivals = new Map();
    listeners[0].onMessage = (message) => arrivals.set(message.clientId, performance.now());
    await inBatches(clients, 5, (client) => client.request({ action: 'join', room }));
    if (filters) await moderator.request({ action: 'room_settings', room, ...filters });
    let sent = 0;
    const send = (i) =>
      senders[i % SENDERS].request({
        action: 'send',
        room,
        text: `bench message ${i} ${room}`,
        id: `mb_${room}_${sent++}`,
      });
    // Warm-up, uncounted: the first call of each path loads it.
    for (let i = 0; i < 3; i++) await send(1000 + i);
    await sleep(2000);
    const before = await quiet(proxy);
    for (let i = 0; i < COUNTED_SENDS; i++) {
      await send(i);
      await sleep(PACE_MS);
    }
    const after = await quiet(proxy, 1000);
    const calls = perSend(before, after, COUNTED_SENDS);
    const ack = [];
    const delivered = [];
    for (let i = 0; i < TIMED_SENDS; i++) {
      const id = `mb_${room}_${sent}`;
      const start = performance.now();
      await send(100 + i);
      ack.push(performance.now() - start);
      const until = Date.now() + 10_000;
      while (!arrivals.has(id) && Date.now() < until) await sleep(5);
      if (arrivals.has(id)) delivered.push(arrivals.get(id) - start);
      await sleep(PACE_MS);
    }
    return {
      ...calls,
      ackP50: round(median(ack)),
      ackP95: round(percentile(ack, 95)),
      deliveredP50: round(median(delivered)),
      deliveredP95: round(percentile(delivered, 95)),
      lost: TIMED_SENDS - delivered.length,
    };
  } finally {
    for (const client of clients) client.close();
  }
}

function perSend(before, after, n) {
  const diff = (name) => callsBetween(before, after, name);
  const summary = summarizeCalls(diff('oursDynamo'), diff('oursConnections'));
  const lambda = totalCalls(diff('oursLambda'));
  const each = (value) => Math.round((value / n) * 100) / 100;
  const dynamo = Object.fromEntries(
    Object.entries(summary.dynamo).map(([call, count]) => [call, each(count)]),
  );
  return {
    reads: each(summary.reads),
    instanceReads: each(summary.instanceReads),
    writes: each(summary.writes),
    posts: each(summary.posts),
    invokes: each(lambda),
    dynamo,
  };
}

const round = (ms) => Math.round(ms * 10) / 10;

/** Runs the cases on two stacks of its own: without a hook, and with the sample hook. */
async function main() {
  const started = performance.now();
  const log = (message) =>
    console.error(
      `[moderation bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`,
    );
  const base = Number(process.env.BENCH_PORT_BASE || 19500) + 50;
  const ports = {
    ...stackPorts(base),
    proxy: { control: base + 10, dynamo: base + 11, connections: base + 12, lambda: base + 13 },
  };
  const local = (port) => `http://127.0.0.1:${port}`;
  const proxyProcess = await startNode(
    'counting proxy',
    [
      join(ROOT, 'bench/lib/counting-proxy.mjs'),
      JSON.stringify({
        control: ports.proxy.control,
        http: [
          { name: 'oursDynamo', kind: 'dynamo', port: ports.proxy.dynamo, target: local(ports.dynamoPort) },
          {
            name: 'oursConnections',
            kind: 'connections',
            port: ports.proxy.connections,
            target: `http://localhost:${ports.offlineWsPort}`,
          },
          { name: 'oursLambda', kind: 'lambda', port: ports.proxy.lambda, target: local(ports.lambdaPort) },
        ],
      }),
    ],
    { cwd: ROOT, timeoutMs: 20_000 },
  );
  const proxy = { counts: async () => (await fetch(`${local(ports.proxy.control)}/counts`)).json() };
  const rows = [];
  try {
    for (const [label, hook] of [
      ['no hook', 'off'],
      ['sample hook', 'org-chat-local-moderationHook'],
    ]) {
      const dataDir = mkdtempSync(join(tmpdir(), 'chat-modbench-'));
      log(`starting a stack (${label})`);
      const stack = await startStack({
        ...configFromEnv({}),
        ...ports,
        dataDir,
        quiet: true,
        logLevel: 'ERROR',
        backendEnv: {
          DYNAMODB_ENDPOINT: local(ports.proxy.dynamo),
          CONNECTIONS_URL: local(ports.proxy.connections),
          LAMBDA_ENDPOINT: local(ports.proxy.lambda),
          MODERATION_HOOK: hook,
          RATE_LIMIT_GUEST: '1000000',
          RATE_LIMIT_USER: '1000000',
        },
      });
      // Departures of the cases' closed clients settle before the next case counts (stats.mjs quiet).
      proxy.pending = () => stack.queue.pending;
      try {
        // The bench's rooms are open rooms: a site admin turns the filters on in one.
        const moderator = await siteAdminClient(stack);
        try {
          rows.push(...(await moderationCases({ ours: stack.urls, proxy, moderator, log, label })));
        } finally {
          moderator.close();
        }
      } finally {
        await stack.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await proxyProcess.stop();
  }
  const results = { date: new Date().toISOString(), listeners: LISTENERS, senders: SENDERS, rows };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/moderation.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(table(rows));
}

/** A site admin's raw client on a local stack (cognito-local): the moderated rooms' settings need one. */
async function siteAdminClient(stack) {
  const cognito = await import('@aws-sdk/client-cognito-identity-provider');
  const client = new cognito.CognitoIdentityProviderClient({
    endpoint: stack.urls.cognito,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const email = `bench-admin-${Date.now()}@example.com`;
  const password = 'Bench-Admin-Passw0rd';
  await client.send(
    new cognito.SignUpCommand({
      ClientId: stack.cognito.clientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  await client.send(
    new cognito.AdminConfirmSignUpCommand({ UserPoolId: stack.cognito.userPoolId, Username: email }),
  );
  await client.send(
    new cognito.AdminAddUserToGroupCommand({
      UserPoolId: stack.cognito.userPoolId,
      Username: email,
      GroupName: 'chat-admins',
    }),
  );
  const auth = await client.send(
    new cognito.InitiateAuthCommand({
      ClientId: stack.cognito.clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  return RawClient.open(stack.urls.ws, ['chat.v1', auth.AuthenticationResult.IdToken]);
}

function table(rows) {
  const head =
    '| case | reads | writes | posts | Lambda invokes | ack p50 / p95 (ms) | delivered p50 / p95 (ms) | lost |';
  const line = '|---|---|---|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.case} | ${r.reads} | ${r.writes} | ${r.posts} | ${r.invokes} | ${r.ackP50} / ${r.ackP95} | ${r.deliveredP50} / ${r.deliveredP95} | ${r.lost} |`,
  );
  return [head, line, ...body].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

// A child process of the bench (own CPU time, apart from the load generator) that stands between the
// backends and what they call, so their calls are counted, not estimated:
// - `dynamo` proxies forward to dynalite and count each call by its X-Amz-Target (PutItem, Query…),
//   a query of the site-wide restrictions apart (SITE_REFRESH);
// - `connections` proxies forward to serverless-offline's @connections API and count by method;
// - `lambda` proxies forward to serverless-offline's Lambda API and count invocations by function;
// - `tcp` proxies forward WebSocket clients to serverless-offline, log each accepted connection (the
//   reconnect storm's attempt rate) and drop every socket at once on request.
// A control server answers GET /counts, GET /timings, POST /reset, POST /tcp/<name>/drop, GET /tcp/<name>/accepts.
// Argument: JSON `{ control, http: [{ name, kind, port, target }], tcp: [{ name, port, target }] }`.
import { Agent, createServer, request } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SITE_REFRESH } from './stats.mjs';

const config = JSON.parse(process.argv[2] ?? '{}');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
/** counts[name][call] = how many. */
let counts = {};
/** timings[name][call] = total ms from request to the end of the answer (where a handler's time goes). */
let timings = {};

function count(name, call) {
  counts[name] ??= {};
  counts[name][call] = (counts[name][call] ?? 0) + 1;
}

function callOf(kind, req) {
  if (kind === 'dynamo') return String(req.headers['x-amz-target'] ?? 'unknown').replace(/^.*\./, '');
  if (kind === 'lambda') {
    // POST /2015-03-31/functions/<name>/invocations
    const name = /\/functions\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? 'unknown';
    return `invoke ${decodeURIComponent(name)}`;
  }
  const [, resource] = (req.url ?? '').split('/');
  return `${req.method} /${resource ?? ''}`;
}

function isSiteRefresh(body) {
  try {
    const input = JSON.parse(body);
    return Object.values(input.ExpressionAttributeValues ?? {}).some((value) => value?.S === 'SITE');
  } catch {
    return false;
  }
}

function startHttpProxy({ name, kind, port, target }) {
  const upstream = new URL(target);
  const server = createServer(async (req, res) => {
    let call = callOf(kind, req);
    let body;
    if (call === 'Query') {
      // Read whole to tell a site-wide refresh from a room's query; then sent on as read.
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      body = Buffer.concat(chunks);
      if (isSiteRefresh(body.toString('utf8'))) call = SITE_REFRESH;
    }
    count(name, call);
    const started = performance.now();
    res.once('finish', () => {
      timings[name] ??= {};
      timings[name][call] = (timings[name][call] ?? 0) + performance.now() - started;
    });
    const forward = request(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
    if (body) forward.end(body);
    else req.pipe(forward);
  });
  server.keepAliveTimeout = 60_000;
  return listen(server, port);
}

const tcp = new Map();

function startTcpProxy({ name, port, target }) {
  const upstream = new URL(target);
  const state = { sockets: new Set(), accepts: [] };
  tcp.set(name, state);
  const server = createTcpServer((client) => {
    state.accepts.push(Date.now());
    const server = connect(Number(upstream.port), upstream.hostname);
    const pair = { client, server };
    state.sockets.add(pair);
    const end = () => {
      client.destroy();
      server.destroy();
      state.sockets.delete(pair);
    };
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
    client.pipe(server).pipe(client);
  });
  return listen(server, port);
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
}

function json(res, body) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const [, first, name, action] = url.pathname.split('/');
  if (first === 'counts') return json(res, counts);
  if (first === 'timings') return json(res, timings);
  if (first === 'reset') {
    counts = {};
    timings = {};
    return json(res, {});
  }
  const state = first === 'tcp' ? tcp.get(name) : undefined;
  if (state && action === 'drop') {
    // Every socket at once, both sides: what a network blip or a gateway deploy does to a crowd.
    const at = Date.now();
    const pairs = [...state.sockets];
    for (const { client, server } of pairs) {
      client.destroy();
      server.destroy();
    }
    state.sockets.clear();
    return json(res, { at, dropped: pairs.length });
  }
  if (state && action === 'accepts') {
    const since = Number(url.searchParams.get('since') ?? 0);
    return json(res, { accepts: state.accepts.filter((t) => t >= since), open: state.sockets.size });
  }
  res.writeHead(404);
  res.end();
});

await Promise.all([
  ...(config.http ?? []).map(startHttpProxy),
  ...(config.tcp ?? []).map(startTcpProxy),
  listen(control, config.control),
]);
process.stdout.write('ready\n');

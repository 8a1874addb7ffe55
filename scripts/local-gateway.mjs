// The local stand-in for what API Gateway does in front of the WebSocket API and serverless-offline
// does not: it answers `ping` itself (on AWS a MOCK-integration route, so an idle connection costs no
// Lambda call), enforces the message size limits (128 KB each way; a frame the backend sends past it is
// dropped and reported, as AWS would fail it) and the 10-minute idle timeout that only client traffic
// resets. Everything else passes through to serverless-offline unchanged, handshake status included.
import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

/** API Gateway's WebSocket message payload limit. */
export const MESSAGE_LIMIT_BYTES = 128 * 1024;
/** API Gateway closes a connection that sent nothing for this long. */
export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** What the MOCK `ping` route answers (deploy/ping-route.yml). */
export const PONG = JSON.stringify({ type: 'pong' });

/**
 * Starts the gateway on `port`, forwarding to serverless-offline's WebSocket server at `upstream`
 * (`ws://127.0.0.1:<port>`). Returns `{ port, close(), stats }`; `stats` counts pongs answered here,
 * client frames passed on to the backend (each runs a function: the benchmark's count of invocations)
 * and frames dropped for size.
 */
export async function startLocalGateway({
  port,
  upstream,
  idleTimeoutMs = IDLE_TIMEOUT_MS,
  log = () => {},
  /** Answers plain HTTP requests (resolves true when it did); the rest get 426. */
  onHttp = async () => false,
}) {
  const stats = { pongs: 0, forwarded: 0, oversized: 0, connections: 0 };
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MESSAGE_LIMIT_BYTES,
    // The client gets the subprotocol the backend selected (stashed on its request below).
    handleProtocols: (_offered, request) => request.selectedProtocol || false,
  });
  const server = createServer(async (req, res) => {
    if (await onHttp(req, res)) return;
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('WebSocket only');
  });
  const pairs = new Set();

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const target = new WebSocket(upstream + (req.url ?? '/'), protocols, {
      headers: forwardedHeaders(req),
      maxPayload: 16 * MESSAGE_LIMIT_BYTES,
    });
    target.once('unexpected-response', (_request, response) => {
      // The authorizer's or $connect's refusal reaches the client with its own status.
      socket.end(`HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\nConnection: close\r\n\r\n`);
      target.terminate();
    });
    target.once('error', () => {
      if (!socket.destroyed) socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
    });
    target.once('open', () => {
      req.selectedProtocol = target.protocol;
      wss.handleUpgrade(req, socket, head, (client) => pair(client, target));
    });
  });

  function pair(client, target) {
    stats.connections++;
    const entry = { client, target };
    pairs.add(entry);
    let idle;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => client.close(1001, 'Going away'), idleTimeoutMs);
    };
    touch();
    client.on('message', (data, isBinary) => {
      touch();
      if (!isBinary && isPing(data)) {
        stats.pongs++;
        client.send(PONG);
        return;
      }
      if (target.readyState !== WebSocket.OPEN) return;
      stats.forwarded++;
      target.send(data, { binary: isBinary });
    });
    target.on('message', (data, isBinary) => {
      if (data.length > MESSAGE_LIMIT_BYTES) {
        stats.oversized++;
        log(
          `dropped a ${data.length}-byte frame to a client: API Gateway refuses messages over ${MESSAGE_LIMIT_BYTES} bytes`,
        );
        return;
      }
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    });
    const end = (code, reason) => {
      clearTimeout(idle);
      pairs.delete(entry);
      const safe = code >= 1000 && code < 5000 && code !== 1005 && code !== 1006 ? code : 1000;
      if (client.readyState === WebSocket.OPEN) client.close(safe, reason);
      if (target.readyState === WebSocket.OPEN || target.readyState === WebSocket.CONNECTING) target.close();
    };
    client.on('close', (code, reason) => end(code, reason));
    target.on('close', (code, reason) => end(code, reason));
    client.on('error', () => end(1011));
    target.on('error', () => end(1011));
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return {
    port,
    stats,
    close: () =>
      new Promise((resolve) => {
        for (const { client, target } of pairs) {
          client.terminate();
          target.terminate();
        }
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/** Whether a client frame is routed to `ping` (API Gateway routes on `$request.body.action`). */
function isPing(data) {
  if (data.length > 256) return false;
  try {
    return JSON.parse(data.toString('utf8'))?.action === 'ping';
  } catch {
    return false;
  }
}

function forwardedHeaders(req) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (/^(sec-websocket-|connection$|upgrade$|host$)/i.test(name)) continue;
    headers[name] = value;
  }
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
  return headers;
}

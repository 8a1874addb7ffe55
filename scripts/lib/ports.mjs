// The local stack's seven ports: which part needs each, and the variable that moves it. `npm start` checks
// every one before starting anything, so a port already taken is named at once rather than surfacing
// later as a timeout.
import { connect, createServer } from 'node:net';

/** Every port of a stack: its key in the stack's config, the variable that sets it, the part using it. */
export const PORTS = [
  { key: 'httpPort', variable: 'HTTP_PORT', part: 'the HTTP API (serverless-offline)' },
  {
    key: 'wsPort',
    variable: 'WS_PORT',
    part: 'the WebSocket API (the local gateway before serverless-offline)',
  },
  { key: 'lambdaPort', variable: 'LAMBDA_PORT', part: 'the Lambda endpoint (serverless-offline)' },
  { key: 'dynamoPort', variable: 'DYNAMODB_PORT', part: 'DynamoDB (dynalite)' },
  { key: 'cognitoPort', variable: 'COGNITO_PORT', part: 'Cognito (cognito-local)' },
  { key: 'webPort', variable: 'WEB_PORT', part: 'the demo page and widget files (static server)' },
  {
    key: 'offlineWsPort',
    variable: 'OFFLINE_WS_PORT',
    part: "serverless-offline's own WebSocket server and @connections API (behind the gateway)",
  },
];

/** Thrown by `checkPorts` when a port is taken or given twice; `problems` names each. */
export class PortError extends Error {
  /** @param {{ port: number, variable: string, part: string, reason: string }[]} problems */
  constructor(problems) {
    super(problems.map(describe).join('\n'));
    this.name = 'PortError';
    this.code = 'port_unavailable';
    this.problems = problems;
  }
}

function describe({ port, variable, part, reason }) {
  if (reason === 'duplicate')
    return `Port ${port} is given twice: ${part} needs a port of its own (set ${variable}).`;
  const who = reason === 'EACCES' ? 'may not be used by this user' : 'is already in use';
  return `Port ${port} ${who}: ${part} needs it. Free it (\`lsof -i :${port}\` shows who holds it) or move it, e.g. ${variable}=${port + 100} npm start`;
}

/** Resolves once every port of `config` is free; rejects with a PortError naming each one that is not. */
export async function checkPorts(config) {
  const seen = new Set();
  const problems = [];
  for (const entry of PORTS) {
    const port = config[entry.key];
    if (seen.has(port)) {
      problems.push({ ...entry, port, reason: 'duplicate' });
      continue;
    }
    seen.add(port);
    const reason = await portProblem(port);
    if (reason) problems.push({ ...entry, port, reason });
  }
  if (problems.length) throw new PortError(problems);
}

/** Why `port` cannot be used (an error code), or undefined when it is free. */
export async function portProblem(port) {
  // Listening on the wildcard address fails on Linux when any address holds the port; macOS allows it
  // beside a socket bound to 127.0.0.1, so a connection attempt checks the loopback addresses too.
  const listenError = await new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error.code ?? 'EADDRINUSE'));
    server.listen(port, () => server.close(() => resolve(undefined)));
  });
  if (listenError) return listenError;
  for (const host of ['127.0.0.1', '::1']) {
    if (await accepts(host, port)) return 'EADDRINUSE';
  }
  return undefined;
}

function accepts(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

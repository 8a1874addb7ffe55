import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the handlers made through the proxy. */
export interface ProxiedCall {
  method: string;
  path: string;
  /** DynamoDB's operation (`PutItem`, `Query`…), from X-Amz-Target; empty for @connections. */
  operation: string;
  body: string;
}

/** What to do with a call a rule matched. */
export type FaultAction =
  /** Wait until released, then forward. */
  | { kind: 'hold'; released: Promise<void> }
  /** Answer with this status without forwarding. */
  | { kind: 'fail'; status: number }
  /** Forward, then answer with this status instead of the real answer (the answer was lost). */
  | { kind: 'loseAnswer'; status: number }
  /** Forward, then run this after the real answer reached the caller. */
  | { kind: 'after'; run: () => Promise<void> | void };

interface Rule {
  match: (call: ProxiedCall) => boolean;
  action: FaultAction;
  /** How many more calls it applies to. */
  times: number;
  hits: ProxiedCall[];
}

/** A handle on a hold: resolves `arrived` when a matching call came in; `release()` lets it through. */
export interface Hold {
  arrived: Promise<ProxiedCall>;
  release(): void;
}

/**
 * An HTTP proxy between the handlers and what they call (dynalite, or the emulator's @connections
 * API), which makes races deterministic: it holds, fails or loses the answer of chosen calls and
 * records every call. Point DYNAMODB_ENDPOINT or CONNECTIONS_URL of a test stack at `url`.
 */
export class FaultProxy {
  readonly calls: ProxiedCall[] = [];
  #rules: Rule[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Starts a proxy forwarding to `target` (e.g. `http://127.0.0.1:13403`). */
  static async start(target: string, port = 0): Promise<FaultProxy> {
    const upstream = new URL(target);
    let proxy: FaultProxy | undefined;
    const server = createServer((req, res) => void proxy?.handle(req, res, upstream));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    proxy = new FaultProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return proxy;
  }

  /** Holds the next `times` calls that match until `release()`. */
  hold(match: (call: ProxiedCall) => boolean, times = 1): Hold {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const rule = this.#add(match, { kind: 'hold', released }, times);
    return { arrived: this.#firstHit(rule), release };
  }

  /** Answers the next `times` matching calls with `status`, without forwarding them. */
  fail(match: (call: ProxiedCall) => boolean, status: number, times = 1): Promise<ProxiedCall> {
    return this.#firstHit(this.#add(match, { kind: 'fail', status }, times));
  }

  /** Forwards the next `times` matching calls but answers them with `status` (the answer was lost). */
  loseAnswer(match: (call: ProxiedCall) => boolean, status = 500, times = 1): Promise<ProxiedCall> {
    return this.#firstHit(this.#add(match, { kind: 'loseAnswer', status }, times));
  }

  /** Forwards the next matching call, then runs `run` once its real answer went back. */
  after(match: (call: ProxiedCall) => boolean, run: () => Promise<void> | void): Promise<ProxiedCall> {
    return this.#firstHit(this.#add(match, { kind: 'after', run }, 1));
  }

  /** Drops every rule (held calls already waiting stay held until released). */
  clear(): void {
    this.#rules = [];
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  #add(match: Rule['match'], action: FaultAction, times: number): Rule {
    const rule: Rule = { match, action, times, hits: [] };
    this.#rules.push(rule);
    return rule;
  }

  #firstHit(rule: Rule): Promise<ProxiedCall> {
    return new Promise((resolve) => {
      const check = () => (rule.hits[0] ? resolve(rule.hits[0]) : setTimeout(check, 5));
      check();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse, upstream: URL): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const call: ProxiedCall = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      operation: String(req.headers['x-amz-target'] ?? '').replace(/^.*\./, ''),
      body: body.toString('utf8'),
    };
    this.calls.push(call);
    const rule = this.#rules.find((r) => r.times > 0 && r.match(call));
    if (rule) {
      rule.times--;
      rule.hits.push(call);
    }
    const action = rule?.action;
    if (action?.kind === 'fail') return answer(res, action.status, '{"message":"injected fault"}');
    if (action?.kind === 'hold') await action.released;
    const upstreamAnswer = await forward(req, body, upstream).catch(() => undefined);
    // The target is gone (the stack stopping): answer like a dead upstream.
    if (!upstreamAnswer) return answer(res, 502, '{"message":"upstream unreachable"}');
    if (action?.kind === 'loseAnswer') return answer(res, action.status, '{"message":"answer lost"}');
    res.writeHead(upstreamAnswer.status, upstreamAnswer.headers);
    res.end(upstreamAnswer.body);
    if (action?.kind === 'after') await action.run();
  }
}

function answer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-errortype': 'InternalServerError',
  });
  res.end(body);
}

function forward(
  req: IncomingMessage,
  body: Buffer,
  upstream: URL,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 502,
            headers: response.headers,
            body: Buffer.concat(parts),
          }),
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/** Matchers for the calls the handlers make. */
export const calls = {
  /** A post of a message frame at position `seq` (any room), optionally to one connection. */
  postOf: (seq: number, connectionId?: string) => (call: ProxiedCall) =>
    call.method === 'POST' &&
    (connectionId === undefined || call.path.endsWith(`/@connections/${connectionId}`)) &&
    call.body.includes('"type":"message"') &&
    call.body.includes(`"seq":${seq},`),
  /** Any post to one connection. */
  postTo: (connectionId: string) => (call: ProxiedCall) =>
    call.method === 'POST' && call.path.endsWith(`/@connections/${connectionId}`),
  /** A DynamoDB operation whose request mentions `text` (a key, a client id, a room). */
  dynamo: (operation: string, text: string) => (call: ProxiedCall) =>
    call.operation === operation && call.body.includes(text),
};

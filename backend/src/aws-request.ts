import { createHash, createHmac } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';

/** An AWS service endpoint that takes SigV4-signed requests. */
export interface SignedEndpointOptions {
  /** e.g. `https://dynamodb.eu-west-1.amazonaws.com`, or a local emulator's URL. */
  endpoint: string;
  /** The signing name: `dynamodb`, `execute-api`. */
  service: string;
  region: string;
  /** Emulators take any credentials; on AWS the function's own come from its environment. */
  local: boolean;
  /** A request unanswered after this long fails (the caller decides whether to try again). */
  timeoutMs: number;
}

/** One request to the endpoint, its path relative to the endpoint's. */
export interface SignedRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** The answer: status and the whole body. */
export interface SignedResponse {
  status: number;
  body: Buffer;
}

/** Sends one signed request; resolves with any HTTP answer, rejects when none came (network, timeout). */
export type SignedSender = (request: SignedRequest) => Promise<SignedResponse>;

/**
 * A sender of SigV4-signed requests to one endpoint, on kept-alive sockets: the AWS SDK's own signer
 * and Node's HTTP client, without the SDK clients' per-call machinery (middleware, schemas,
 * serialization), which costs several times the CPU of the request itself on every call a handler
 * makes (npm run bench: CPU per message; docs/benchmarks.md).
 */
export function signedSender(options: SignedEndpointOptions): SignedSender {
  const url = new URL(options.endpoint);
  const secure = url.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 50 })
    : new HttpAgent({ keepAlive: true, maxSockets: 50 });
  const send = secure ? httpsRequest : httpRequest;
  const base = url.pathname.replace(/\/$/, '');
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: async () => credentials(options.local),
    sha256: Sha256,
  });
  return async ({ method, path, headers = {}, body }) => {
    const fullPath = `${base}${path}`;
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: fullPath,
      query: {},
      headers: {
        ...headers,
        host: url.host,
        ...(bytes ? { 'content-length': String(bytes.byteLength) } : {}),
      },
      body: bytes,
    });
    return new Promise<SignedResponse>((resolve, reject) => {
      const req = send(
        {
          agent,
          method,
          host: url.hostname,
          port: url.port || undefined,
          path: fullPath,
          headers: signed.headers,
          timeout: options.timeoutMs,
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.once('error', reject);
        },
      );
      req.once('timeout', () => req.destroy(new Error(`${options.service} request timed out`)));
      req.once('error', reject);
      req.end(bytes);
    });
  };
}

/** The function's credentials: emulators take any; on AWS the Lambda runtime puts its role's in the environment. */
function credentials(local: boolean) {
  if (local) return { accessKeyId: 'local', secretAccessKey: 'local' };
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;
  if (!AWS_ACCESS_KEY_ID || !AWS_SECRET_ACCESS_KEY) throw new Error('no AWS credentials in the environment');
  return {
    accessKeyId: AWS_ACCESS_KEY_ID,
    secretAccessKey: AWS_SECRET_ACCESS_KEY,
    ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
  };
}

/** SHA-256 (or HMAC-SHA-256 with a secret) from node:crypto, in the shape the SigV4 signer takes. */
class Sha256 {
  readonly #hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

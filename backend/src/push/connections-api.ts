import { signedSender } from '../aws-request.js';
import { config } from '../config.js';

/**
 * The @connections API of one WebSocket API stage: where it is, and its two calls. Each resolves with
 * the HTTP status (2xx done, 410 the connection is gone, anything else failed) and rejects only when
 * no answer came (network error, timeout).
 */
export interface ConnectionsApi {
  endpoint: string;
  /** Posts one frame to a connection (`POST @connections/{id}`). */
  post(connectionId: string, data: Uint8Array): Promise<number>;
  /** Closes a connection on the server's side (`DELETE @connections/{id}`). */
  close(connectionId: string): Promise<number>;
}

// A post that has not been answered after this long is a failure (the caller retries, then closes).
const REQUEST_TIMEOUT_MS = 3000;

const apis = new Map<string, ConnectionsApi>();

/** Where @connections lives for a request: the local emulator, or the API's own stage URL on AWS. */
export function connectionsEndpoint(domainName: string | undefined, stage: string | undefined): string {
  if (config.connectionsUrl) return config.connectionsUrl;
  return `https://${domainName}/${stage}`;
}

/**
 * The @connections API at an endpoint, reused across invocations: signed requests on kept-alive
 * sockets (aws-request.ts) rather than the API Gateway Management client, whose per-call work cost
 * about three times the CPU of a whole post, on every post of every fan-out.
 */
export function connectionsApi(endpoint: string): ConnectionsApi {
  let api = apis.get(endpoint);
  if (!api) {
    const send = signedSender({
      endpoint,
      service: 'execute-api',
      region: config.region,
      local: Boolean(config.connectionsUrl),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    const path = (connectionId: string) => `/@connections/${encodeURIComponent(connectionId)}`;
    api = {
      endpoint,
      post: async (connectionId, data) =>
        (await send({ method: 'POST', path: path(connectionId), body: data })).status,
      close: async (connectionId) => (await send({ method: 'DELETE', path: path(connectionId) })).status,
    };
    apis.set(endpoint, api);
  }
  return api;
}

import {
  type Action,
  type ClientFrame,
  type ErrorFrame,
  parseClientFrame,
  type ServerFrame,
} from '@org/chat-sdk/protocol';
import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { fromContext, type Identity, isAdminContext } from '../../auth/identity.js';
import { ipBucket } from '../../auth/ip-limit.js';
import { limitsFor, rateLimited } from '../../chat/limits.js';
import type { Standing } from '../../chat/moderation-rules.js';
import { RateGate } from '../../chat/rate-gate.js';
import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { logger } from '../../log.js';
import { countRateLimited } from '../../metrics.js';
import { type ConnectionsApi, connectionsApi, connectionsEndpoint } from '../../push/connections-api.js';
import { closeConnection } from '../../push/fanout.js';
import { encodeFrame } from '../../push/frames.js';
import { addFrames } from '../../store/rate.js';
import { instrument } from '../instrument.js';

/** What a route's logic receives besides its frame. */
export interface RouteContext {
  connectionId: string;
  identity: Identity;
  /** The @connections API of this WebSocket API, to push frames to other connections. */
  api: ConnectionsApi;
  /** Site admin or not, and the connection's network (moderation, issue 13). */
  standing: Standing;
}

/** The authorizer's context is not in the v2 WebSocket event type, though API Gateway sends it. */
export type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: { authorizer?: Record<string, unknown>; identity?: { sourceIp?: string } };
};

type FrameOf<A extends Action> = Extract<ClientFrame, { action: A }>;

const gate = new RateGate(config.rateWindowMs, (userId, window, frames) =>
  addFrames(userId, window, config.rateWindowMs, frames),
);

/**
 * Wraps one action route: counts the frame against its identity's rate limit (every frame, even one
 * that fails to parse), parses and validates it, runs the logic and turns its answer or error into
 * the route response frame. Unexpected errors become `internal` with no detail: stacks stay in the logs.
 */
export function route<A extends Action>(
  action: A,
  logic: (frame: FrameOf<A>, ctx: RouteContext) => Promise<ServerFrame>,
) {
  return instrument(async (event: WebSocketEvent): Promise<APIGatewayProxyResult> => {
    const { connectionId, requestId, domainName, stage, authorizer, identity: source } = event.requestContext;
    logger.appendKeys({ connectionId, requestId, action });
    const parsed = parseClientFrame(event.body);
    const ref = parsed.ok ? parsed.frame.ref : parsed.problem.ref;
    const identity = fromContext(authorizer);
    if (!identity) return reply(errorFrame('unauthorized', 'connection has no identity', ref));
    const api = connectionsApi(connectionsEndpoint(domainName, stage));
    try {
      await admitFrame(identity, connectionId, api);
      if (!parsed.ok) return reply({ type: 'error', ...parsed.problem });
      const frame = parsed.frame;
      if (frame.action !== action) return reply(errorFrame('invalid', `expected action ${action}`, ref));
      const standing = { admin: isAdminContext(authorizer), network: ipBucket(source?.sourceIp) };
      return reply(await logic(frame as FrameOf<A>, { connectionId, identity, api, standing }));
    } catch (error) {
      return reply(errorReply(error, ref));
    }
  });
}

/**
 * Counts a frame against its identity's limit across all its sockets; throws `rate_limited` past it.
 * A socket whose identity keeps sending far past its limit is closed by the server.
 */
export async function admitFrame(
  identity: Identity,
  connectionId: string,
  api: ConnectionsApi,
): Promise<void> {
  const limits = limitsFor(identity, config);
  const verdict = await gate.check(identity.id, limits.framesPerWindow);
  if (verdict.allowed) return;
  countRateLimited();
  if (verdict.abusive) {
    logger.warn('closing an abusive connection', { userId: identity.id });
    await closeConnection(api, connectionId);
  }
  throw rateLimited(limits, verdict.retryAfterMs);
}

/** The error frame for a failure: a ChatError's code and message, or `internal` with no detail. */
export function errorReply(error: unknown, ref: string | undefined): ServerFrame {
  if (error instanceof ChatError) {
    const frame: ErrorFrame = errorFrame(error.code, error.message, ref);
    if (error.retryAfterMs !== undefined) frame.retryAfterMs = error.retryAfterMs;
    if (error.until !== undefined) frame.until = error.until;
    return frame;
  }
  logger.error('route failed', { error: error as Error });
  return errorFrame('internal', 'internal error', ref);
}

/** An error frame, with the ref when there is one. */
export function errorFrame(code: ChatError['code'], message: string, ref?: string): ErrorFrame {
  return ref === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ref };
}

/** The route response: API Gateway sends `body` back on the same socket. */
export function reply(frame: ServerFrame): APIGatewayProxyResult {
  try {
    return { statusCode: 200, body: encodeFrame(frame) };
  } catch (error) {
    const ref = 'ref' in frame ? frame.ref : undefined;
    return { statusCode: 200, body: encodeFrame(errorReply(error, ref)) };
  }
}

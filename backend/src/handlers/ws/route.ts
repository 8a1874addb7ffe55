import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import {
  type Action,
  type ClientFrame,
  type ErrorFrame,
  parseClientFrame,
  type ServerFrame,
} from '@org/chat-sdk/protocol';
import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { fromContext, type Identity } from '../../auth/identity.js';
import { assertWithinRate, limitsFor } from '../../chat/limits.js';
import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { logger } from '../../log.js';
import { connectionsClient, connectionsEndpoint } from '../../push/connections-api.js';
import { countFrame } from '../../store/rate.js';

/** What a route's logic receives besides its frame. */
export interface RouteContext {
  connectionId: string;
  identity: Identity;
  /** The @connections client for this API, to push frames to other connections. */
  api: ApiGatewayManagementApiClient;
}

/** The authorizer's context is not in the v2 WebSocket event type, though API Gateway sends it. */
type WebSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: { authorizer?: Record<string, unknown> };
};

type FrameOf<A extends Action> = Extract<ClientFrame, { action: A }>;

/**
 * Wraps one action route: parses and validates the frame, reads the identity the authorizer
 * proved, runs the logic and turns its answer or error into the route response frame.
 * Unexpected errors become `internal` with no detail: stacks stay in the logs.
 */
export function route<A extends Action>(
  action: A,
  logic: (frame: FrameOf<A>, ctx: RouteContext) => Promise<ServerFrame>,
) {
  return async (event: WebSocketEvent): Promise<APIGatewayProxyResult> => {
    const { connectionId, requestId, domainName, stage, authorizer } = event.requestContext;
    logger.appendKeys({ connectionId, requestId, action });
    const parsed = parseClientFrame(event.body);
    if (!parsed.ok) return reply({ type: 'error', ...parsed.problem });
    const frame = parsed.frame;
    const ref = frame.ref;
    if (frame.action !== action) return reply(errorFrame('invalid', `expected action ${action}`, ref));
    const identity = fromContext(authorizer);
    if (!identity) return reply(errorFrame('unauthorized', 'connection has no identity', ref));
    try {
      await checkRate(connectionId, identity);
      const api = connectionsClient(connectionsEndpoint(domainName, stage));
      return reply(await logic(frame as FrameOf<A>, { connectionId, identity, api }));
    } catch (error) {
      return reply(errorReply(error, ref));
    }
  };
}

/** Counts a frame against the connection's rate limit; throws `rate_limited` past it. */
export async function checkRate(connectionId: string, identity: Identity): Promise<void> {
  const { count, retryAfterMs } = await countFrame(connectionId, config.rateWindowMs);
  assertWithinRate(count, limitsFor(identity, config), retryAfterMs);
}

/** The error frame for a failure: a ChatError's code and message, or `internal` with no detail. */
export function errorReply(error: unknown, ref: string | undefined): ServerFrame {
  if (error instanceof ChatError) {
    const frame = errorFrame(error.code, error.message, ref);
    return error.retryAfterMs === undefined ? frame : { ...frame, retryAfterMs: error.retryAfterMs };
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
  return { statusCode: 200, body: JSON.stringify(frame) };
}

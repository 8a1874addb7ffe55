import type { ErrorCode } from '@org/chat-sdk/protocol';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { ChatError } from '../../errors.js';
import { logger } from '../../log.js';

/** A JSON HTTP response; never cached, since bodies carry tokens and identities. */
export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  too_large: 413,
  rate_limited: 429,
};

/**
 * The HTTP answer to a failure: `{ error: { code, message, retryAfterMs? } }` with the code's status,
 * and `Retry-After` (seconds) on 429. Anything but a ChatError is a 500 `internal` whose details stay
 * in the logs.
 */
export function errorReply(error: unknown): APIGatewayProxyResultV2 {
  if (!(error instanceof ChatError)) {
    logger.error('http request failed', { error: error as Error });
    return json(500, { error: { code: 'internal', message: 'internal error' } });
  }
  const { code, message, retryAfterMs } = error;
  if (code === 'rate_limited' && retryAfterMs !== undefined) {
    return json(
      429,
      { error: { code, message, retryAfterMs } },
      { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    );
  }
  return json(STATUS[code] ?? 500, { error: { code, message } });
}

/** The caller's address as API Gateway saw it (the TCP peer; never a client-set header). */
export function sourceIpOf(event: APIGatewayProxyEventV2): string | undefined {
  return event.requestContext?.http?.sourceIp;
}

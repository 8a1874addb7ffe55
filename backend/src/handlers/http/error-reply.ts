import type { ErrorCode } from '@org/chat-sdk/protocol';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { ChatError } from '../../errors.js';
import { logger } from '../../log.js';
import { json } from './reply.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
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

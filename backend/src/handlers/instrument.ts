import type { Context } from 'aws-lambda';
import { logger } from '../log.js';
import { withMetrics } from '../metrics.js';

/**
 * Wraps a Lambda handler for operations: the logger takes the invocation's context (function name,
 * request id, cold start: Powertools' `injectLambdaContext` without middy), and what the invocation
 * counted is flushed as one metrics line when it ends, however it ends.
 */
export function instrument<Event, Result>(
  handler: (event: Event, context?: Context) => Promise<Result>,
): (event: Event, context?: Context) => Promise<Result> {
  return withMetrics(async (event: Event, context?: Context) => {
    if (context) logger.addContext(context);
    return handler(event, context);
  });
}

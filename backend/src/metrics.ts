import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Operational metrics in CloudWatch's embedded metric format: each flush prints one JSON line to the
 * function's log, and CloudWatch turns it into metrics, with no API call and no extra latency.
 * deploy/observability.cjs builds the dashboard and the alarms on these names (a template test keeps
 * both in step). Locally, the stack turns them off unless LOG_LEVEL asks for INFO or more, so the
 * emulator's output stays readable (scripts/local-stack.mjs sets POWERTOOLS_METRICS_DISABLED).
 */

/** The CloudWatch namespace of the metrics; every metric has the dimensions `service` and `stage`. */
export const METRICS_NAMESPACE = 'org-chat';
/** The `service` dimension (Powertools adds it to every metric). */
export const METRICS_SERVICE = 'org-chat';

/** The metrics, by what they count. */
export const METRIC = {
  /** A message accepted and stored by `send` (a retried send is not counted again). */
  sent: 'MessagesSent',
  /** Messages posted to a connection through @connections. */
  delivered: 'MessagesDelivered',
  /** Posts answered 410 Gone: the connection had left; its subscription is removed. */
  gone: 'ConnectionsGone',
  /** Posts that failed otherwise (throttled, timed out, refused): a message someone did not get. */
  failedPosts: 'FailedPosts',
  /** Tokens the `$connect` authorizer refused (missing, forged, expired). */
  refusedTokens: 'RefusedTokens',
  /** Frames refused with `rate_limited`. */
  rateLimited: 'RateLimitedFrames',
  /** Moderation verdicts on messages before fan-out. */
  moderationAllowed: 'ModerationAllowed',
  moderationRejected: 'ModerationRejected',
  moderationHeld: 'ModerationHeld',
} as const;

/** A moderation filter's or hook's verdict on a message. */
export type ModerationVerdict = 'allow' | 'reject' | 'hold';

const VERDICT_METRIC: Record<ModerationVerdict, string> = {
  allow: METRIC.moderationAllowed,
  reject: METRIC.moderationRejected,
  hold: METRIC.moderationHeld,
};

/** The functions' shared Metrics instance; the deployed stage is a default dimension. */
export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: METRICS_SERVICE,
  defaultDimensions: { stage: process.env.STAGE || 'local' },
});

/** Adds `n` to a count; nothing for 0 or for anything but a whole number (metrics never fail a handler). */
function count(name: string, n = 1): void {
  if (Number.isInteger(n) && n > 0) metrics.addMetric(name, MetricUnit.Count, n);
}

/** Counts a message accepted and stored by `send`. */
export const countSend = (): void => count(METRIC.sent);
/** Counts `n` messages posted to connections. */
export const countDelivered = (n: number): void => count(METRIC.delivered, n);
/** Counts `n` posts answered 410 Gone. */
export const countGone = (n: number): void => count(METRIC.gone, n);
/** Counts `n` posts that failed for another reason than 410 Gone. */
export const countFailedPosts = (n: number): void => count(METRIC.failedPosts, n);
/** Counts a token the authorizer refused. */
export const countRefusedToken = (): void => count(METRIC.refusedTokens);
/** Counts a frame refused with `rate_limited`. */
export const countRateLimited = (): void => count(METRIC.rateLimited);
/** Counts a moderation verdict. */
export const countModerationVerdict = (verdict: ModerationVerdict): void => count(VERDICT_METRIC[verdict]);

/** Prints what was counted since the last flush as one EMF line (nothing when nothing was counted). */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/**
 * Wraps a handler so that what it counted is flushed when it returns or throws: the metrics of one
 * invocation never wait for the next one (which may never come) nor mix with it.
 */
export function withMetrics<Args extends unknown[], Result>(
  handler: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await handler(...args);
    } finally {
      flushMetrics();
    }
  };
}

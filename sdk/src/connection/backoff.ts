/** How reconnect delays grow. */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay, in ms. */
  baseMs: number;
  /** The most any delay may be, in ms. */
  capMs: number;
}

/**
 * Exponential backoff with full jitter: a random delay in [0, min(cap, base·2^attempt)). Jitter spreads
 * a crowd of clients dropped at once (a deploy, a network blip) instead of having them all return in step.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

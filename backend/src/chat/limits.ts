import type { Identity } from '../auth/identity.js';
import type { Config, Limits } from '../config.js';
import { ChatError } from '../errors.js';

/** The limits that apply to an identity: guests get the stricter set. */
export function limitsFor(identity: Identity, config: Pick<Config, 'guestLimits' | 'userLimits'>): Limits {
  return identity.guest ? config.guestLimits : config.userLimits;
}

/** Throws `rate_limited`, with when to retry, once a connection sent more frames than its window allows. */
export function assertWithinRate(count: number, limits: Limits, retryAfterMs: number): void {
  if (count > limits.framesPerWindow) {
    throw new ChatError(
      'rate_limited',
      `more than ${limits.framesPerWindow} frames in a window; retry in ${retryAfterMs} ms`,
      retryAfterMs,
    );
  }
}

import type { Identity } from '../auth/identity.js';
import type { Config, Limits } from '../config.js';
import { ChatError } from '../errors.js';

/** The limits that apply to an identity: guests get the stricter set. */
export function limitsFor(identity: Identity, config: Pick<Config, 'guestLimits' | 'userLimits'>): Limits {
  return identity.guest ? config.guestLimits : config.userLimits;
}

/** The error for an identity past its frame limit, with when to retry. */
export function rateLimited(limits: Limits, retryAfterMs: number): ChatError {
  return new ChatError(
    'rate_limited',
    `more than ${limits.framesPerWindow} frames in a window; retry in ${retryAfterMs} ms`,
    retryAfterMs,
  );
}

import type { ErrorCode } from './protocol/errors.js';

/** Codes a ChatError may carry: the protocol's, plus client-side `timeout`, `closed` and `network`. */
export type ChatErrorCode = ErrorCode | 'timeout' | 'closed' | 'network';

/** An error from the chat service or the client, with a stable `code` to branch on. */
export class ChatError extends Error {
  /** The stable code, e.g. `invalid`, `rate_limited`, `timeout`. */
  readonly code: ChatErrorCode;
  /** With `rate_limited` and `slow_mode` from the server: how long to wait before trying again, in ms. */
  readonly retryAfterMs?: number;
  /** With `muted` and `banned`: when the restriction ends, ms since the epoch (absent: for good). */
  readonly until?: number;

  constructor(code: ChatErrorCode, message: string, retryAfterMs?: number, until?: number) {
    super(message);
    this.name = 'ChatError';
    this.code = code;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
    if (until !== undefined) this.until = until;
  }
}

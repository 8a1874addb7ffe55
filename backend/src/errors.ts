import type { ErrorCode } from '@org/chat-sdk/protocol';

/** A failure with a protocol error code; its message is safe to show a client. */
export class ChatError extends Error {
  /** With `muted` and `banned`: when the restriction ends, ms since the epoch (absent: for good). */
  until?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** With `rate_limited`: when the client may try again, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

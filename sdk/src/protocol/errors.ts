/** Every error code a server frame or an HTTP error body may carry (see PROTOCOL.md). */
export const ERROR_CODES = [
  'invalid',
  'unauthorized',
  'forbidden',
  'not_found',
  'too_large',
  'rate_limited',
  'conflict',
  'too_many_connections',
  'internal',
  // Moderation (issue 13): why a send, edit or join was refused; PROTOCOL.md "Moderation".
  'banned',
  'muted',
  'slow_mode',
  'blocked',
  'link_not_allowed',
  'duplicate',
  'flood',
  'held',
  'edit_window_closed',
  'moderation_unavailable',
] as const;

/** A stable, machine-readable error code from the protocol. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Limits shared by client and server; PROTOCOL.md documents each one. */
export const LIMITS = {
  /** Longest message text, in UTF-16 code units, after control characters are stripped. */
  maxTextLength: 4000,
  /** Largest frame the server accepts, in bytes of its JSON text. */
  maxFrameBytes: 32 * 1024,
  /**
   * Largest frame the server sends, in bytes of its JSON text: API Gateway's WebSocket message limit
   * (128 KB; serverless-offline has none). Pages are cut to fit, with `hasMore`.
   */
  maxReplyBytes: 128 * 1024,
  /** Most messages one history page or one resume page returns. */
  maxPageSize: 100,
  /** Page size used when a history request names none. */
  defaultPageSize: 50,
  /** Longest guest display name, in characters. */
  maxNameLength: 40,
} as const;

/** Subprotocol the client offers and the server selects; the token rides beside it. */
export const SUBPROTOCOL = 'chat.v1';

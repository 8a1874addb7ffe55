/** Who sent a message, as the server knows them (never as the client claimed). */
export interface Sender {
  id: string;
  name: string;
  guest: boolean;
}

/** A stored chat message, as every client receives it. */
export interface ChatMessage {
  /** Server-made, time-sortable id (ULID): the room's order. */
  id: string;
  /** The id the sending client made, used to make retries idempotent. */
  clientId: string;
  room: string;
  text: string;
  /** Server time the message was stored, in ms since the epoch. */
  ts: number;
  sender: Sender;
}

/** A user as the SDK exposes it. */
export type ChatUser = Sender;

/** Answer to an action carrying a `ref`; extra fields depend on the action. */
export interface AckFrame {
  type: 'ack';
  ref: string;
  room?: string;
  message?: ChatMessage;
  messages?: ChatMessage[];
  hasMore?: boolean;
  /** On `join`: the room's newest message id, where a client that saw nothing yet resumes from. */
  latest?: string;
  /** On `join`: who is online in the room (one entry per user). */
  online?: Sender[];
  /** On `typing`: true when the server dropped it because the last one was too recent. */
  throttled?: boolean;
  /** On `create`: the room's visibility. */
  visibility?: 'public' | 'private';
}

/** Answer to a ping. */
export interface PongFrame {
  type: 'pong';
  ref?: string;
}

/** A new message in a room the connection joined. */
export interface MessageFrame {
  type: 'message';
  message: ChatMessage;
}

/** A user came online in a room (first connection joined) or went offline (last one left). */
export interface PresenceFrame {
  type: 'presence';
  room: string;
  user: Sender;
  status: 'online' | 'offline';
}

/** Someone in the room is typing. */
export interface TypingNoticeFrame {
  type: 'typing';
  room: string;
  user: Sender;
}

/** A refused or failed action. */
export interface ErrorFrame {
  type: 'error';
  code: import('./errors.js').ErrorCode;
  message: string;
  ref?: string;
  /** With `rate_limited`: how long to wait before sending again, in ms. */
  retryAfterMs?: number;
}

/** Any frame the server sends. */
export type ServerFrame =
  | AckFrame
  | PongFrame
  | MessageFrame
  | PresenceFrame
  | TypingNoticeFrame
  | ErrorFrame;

/** Body of `POST /guest`'s successful answer. */
export interface GuestSession {
  token: string;
  user: Sender;
  /** Expiry of the token, in ms since the epoch. */
  expiresAt: number;
}

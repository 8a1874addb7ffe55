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

/** A refused or failed action. */
export interface ErrorFrame {
  type: 'error';
  code: import('./errors.js').ErrorCode;
  message: string;
  ref?: string;
}

/** Any frame the server sends. */
export type ServerFrame = AckFrame | PongFrame | MessageFrame | ErrorFrame;

/** Body of `POST /guest`'s successful answer. */
export interface GuestSession {
  token: string;
  user: Sender;
  /** Expiry of the token, in ms since the epoch. */
  expiresAt: number;
}

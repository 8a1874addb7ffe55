/** Who sent a message, as the server knows them (never as the client claimed). */
export interface Sender {
  id: string;
  name: string;
  guest: boolean;
}

/** A stored chat message, as every client receives it. */
export interface ChatMessage {
  /** Server-made unique id (ULID); stable for the message's life. */
  id: string;
  /**
   * The message's position in its room: allocated by the server when it is written, 1 for the first
   * message, one more for each. Every client and history share this order. A number may be skipped
   * (a send that failed half-way), never reused.
   */
  seq: number;
  /** The id the sending client made, used to make retries idempotent. */
  clientId: string;
  room: string;
  text: string;
  /** Server time the message was stored, in ms since the epoch. */
  ts: number;
  sender: Sender;
  /** When its author last edited it (ms since the epoch); absent if never. It keeps its position. */
  editedAt?: number;
  /** Deleted by its author or a moderator: a tombstone with empty text, in its original position. */
  deleted?: true;
}

/** A user as the SDK exposes it. */
export type ChatUser = Sender;

/** What a room is, as `join` and `create` tell it. */
export interface RoomInfo {
  visibility: 'public' | 'private';
  /** Its title, when its creator gave one. */
  title?: string;
  /** The user id of its creator; absent for a room nobody created (an open public room). */
  owner?: string;
  /** The joining user's standing in the room. */
  role: RoomRole;
  /** Slow mode: at most one message per this many seconds per identity (moderators exempt); absent: off. */
  slowModeSeconds?: number;
  /** Who may post links, when the room limits it (`users`: signed-in users only; `none`: moderators only). */
  links?: 'users' | 'none';
  /** The joining identity is muted here (or site-wide): it may read, not send; `until` absent: for good. */
  muted?: { until?: number; reason?: string };
}

/**
 * A user's standing in a room: `member` is any participant without extra rights; `owner` and
 * `moderator` moderate the room; `admin` is a site admin (the Cognito group), who moderates every room.
 */
export type RoomRole = 'owner' | 'moderator' | 'member' | 'admin';

/** Answer to an action carrying a `ref`; extra fields depend on the action. */
export interface AckFrame {
  type: 'ack';
  ref: string;
  room?: string;
  /** On `send`: the stored message (for a retried send, the one stored the first time). */
  message?: ChatMessage;
  /** On `join` and `history`: messages, oldest first. */
  messages?: ChatMessage[];
  /** On `join` and `history`: more messages lie beyond this page in the direction read. */
  hasMore?: boolean;
  /**
   * On `join` and on `history` with `after`: every position up to this one is settled — delivered in
   * `messages`, or never to be (skipped, expired). A client continues after it.
   */
  upTo?: number;
  /** On `join`: the room's highest allocated position; messages up to it are on their way or stored. */
  latest?: number;
  /** On `history` with `after`: the page stopped before a message still being written; ask again later. */
  pending?: boolean;
  /** With `pending`: when to ask again, in ms. */
  retryAfterMs?: number;
  /** On `join`: who is online in the room (one entry per user). */
  online?: Sender[];
  /** On `join`: the connection's own identity as the server proved it (its checked display name). */
  you?: Sender;
  /** On `join` and `create`: what the room is. */
  info?: RoomInfo;
  /** On `typing`: true when the server dropped it because the last one was too recent. */
  throttled?: boolean;
  /** On `report`: the report's id. */
  report?: string;
  /** On `reports`: open reports and held messages, oldest first. */
  reports?: import('./moderation-types.js').Report[];
  /** On `audit`: entries, newest first (with `hasMore`). */
  entries?: import('./moderation-types.js').AuditEntry[];
  /** On `room_settings`: the room's settings now. */
  settings?: import('./moderation-types.js').RoomSettings;
  /** On `mute` and `ban`: when the restriction ends (absent: for good). */
  until?: number;
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

/** Why a connection no longer receives a room (`banned`: a moderator banned its identity there). */
export type RemovedReason = 'removed' | 'private' | 'banned';

/**
 * This connection's subscription to a room ended without it asking: it was removed from the room's
 * members (`removed`), or the room was made private without it (`private`). Nothing more arrives from
 * the room; joining again is refused while the reason holds.
 */
export interface RemovedFrame {
  type: 'removed';
  room: string;
  reason: RemovedReason;
  /** With `banned`: when the ban ends (absent: for good). */
  until?: number;
}

/**
 * A guest identity became an account (`POST /link`): the guest's messages written up to `at` are the
 * account's from now on, and the guest is that user. Posted to the rooms the guest was subscribed in.
 */
export interface IdentityFrame {
  type: 'identity';
  room: string;
  /** The guest's id. */
  from: string;
  /** The account the guest is now. */
  to: Sender;
  /** When the link was made (ms since the epoch): the guest's messages with `ts` up to it are `to`'s. */
  at: number;
}

/** A refused or failed action. */
export interface ErrorFrame {
  type: 'error';
  code: import('./errors.js').ErrorCode;
  message: string;
  ref?: string;
  /** With `rate_limited` and `slow_mode`: how long to wait before sending again, in ms. */
  retryAfterMs?: number;
  /** With `muted` and `banned`: when the restriction ends, ms since the epoch (absent: for good). */
  until?: number;
}

/** Any frame the server sends. */
export type ServerFrame =
  | AckFrame
  | PongFrame
  | MessageFrame
  | PresenceFrame
  | TypingNoticeFrame
  | RemovedFrame
  | IdentityFrame
  | import('./moderation-types.js').UpdateFrame
  | import('./moderation-types.js').ModerationFrame
  | ErrorFrame;

/** Body of `POST /guest`'s successful answer. */
export interface GuestSession {
  token: string;
  user: Sender;
  /** Expiry of the token, in ms since the epoch. */
  expiresAt: number;
}

/** Body of `POST /link`'s successful answer: the guest `guest` is now `user`, since `linkedAt`. */
export interface LinkResult {
  /** The guest's id. */
  guest: string;
  user: Sender;
  /** When the link was made (ms since the epoch); a retry answers the first link's time. */
  linkedAt: number;
}

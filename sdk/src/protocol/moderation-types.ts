import type { HookFailurePolicy, LinkPolicy, Resolution } from './moderation-frames.js';
import type { ChatMessage, RoomRole, Sender } from './types.js';

/** A room's moderation settings, as moderators set them (the stage's defaults fill what a room leaves out). */
export interface RoomSettings {
  /** At most one message per this many seconds per identity (moderators exempt); 0: off. */
  slowModeSeconds: number;
  /** Who may post links: `allow` everyone, `users` signed-in users only, `none` nobody (moderators may). */
  links: LinkPolicy;
  /** The room's own refused words, on top of the stage's list. */
  blockList: string[];
  /** Refuse the same text from one identity twice within a short time. */
  duplicates: boolean;
  /** Refuse an identity posting many messages within a short time. */
  flood: boolean;
  /** Whether a send goes through (`open`) or is refused (`closed`) when the moderation hook fails. */
  hookFailure: HookFailurePolicy;
}

/** An open or resolved report: a participant flagged a message, or a filter held one for review. */
export interface Report {
  /** Stable id; `resolve` takes it. */
  id: string;
  room: string;
  /** `report`: a stored message someone flagged; `held`: a message waiting for approval, not stored yet. */
  kind: 'report' | 'held';
  /** The reported message as it was when first reported, or the held message (its `seq` is 0). */
  message: ChatMessage;
  /** Why: reporters' reasons (up to 20), or the filter's verdict for a held message. */
  reasons: string[];
  /** How many distinct participants reported it. */
  reporters: number;
  /** When it was first reported or held, ms since the epoch. */
  createdAt: number;
  status: 'open' | 'resolved';
  resolution?: Resolution;
}

/** What a moderation audit entry records. */
export type AuditAction =
  | 'delete'
  | 'mute'
  | 'unmute'
  | 'ban'
  | 'unban'
  | 'set_role'
  | 'room_settings'
  | 'resolve';

/** One entry of the audit trail: who did what to whom, when and why. */
export interface AuditEntry {
  /** Time-sortable id (ULID); `audit {before}` pages with it. */
  id: string;
  /** When, ms since the epoch. */
  at: number;
  /** Who did it, and as what. */
  actor: Sender & { role: RoomRole };
  action: AuditAction;
  /** The room, or absent for a site-wide action. */
  room?: string;
  /** The identity acted on. */
  target?: string;
  /** The message acted on. */
  seq?: number;
  reason?: string;
  /** The restriction's end, ms since the epoch (absent: for good). */
  until?: number;
  /** What else the action set: a role, settings, a resolution, `shadow`. */
  detail?: Record<string, unknown>;
}

/** A message changed in place: edited (`editedAt`) or deleted (a tombstone: `deleted`, empty text). */
export interface UpdateFrame {
  type: 'update';
  room: string;
  message: ChatMessage;
}

/** What a `moderation` frame tells. */
export type ModerationKind =
  /** You were muted in the room (or site-wide without `room`), until `until` (absent: for good). */
  | 'muted'
  /** Your mute was lifted. */
  | 'unmuted'
  /** You were banned site-wide; the server closes your connections next. */
  | 'banned'
  /** Your role in the room changed to `role`. */
  | 'role'
  /** The room's settings that participants see changed: `slowModeSeconds`, `links` (absent: off, allow). */
  | 'settings'
  /** A message you sent, held for review, was turned down (`clientId`); an approved one arrives as a message. */
  | 'rejected';

/** A moderation notice for this connection: about you, or about the room. */
export interface ModerationFrame {
  type: 'moderation';
  kind: ModerationKind;
  room?: string;
  until?: number;
  reason?: string;
  role?: RoomRole;
  slowModeSeconds?: number;
  links?: Exclude<LinkPolicy, 'allow'>;
  clientId?: string;
}

import * as v from 'valibot';
import { Ref, RoomId, Seq, UserId } from './scalars.js';

// Schemas of the moderation actions (issue 13). Kept apart from frames.ts so the send path's frames and
// the moderation ones can change without touching each other; frames.ts adds these to ClientFrame.

/** Longest reason a moderator or reporter may give, in UTF-16 code units. */
export const MAX_REASON_LENGTH = 300;
/** Longest restriction: ten years; leave `durationSeconds` out for one that never ends. */
export const MAX_DURATION_SECONDS = 10 * 365 * 24 * 3600;
/** Longest slow-mode interval: one hour. */
export const MAX_SLOW_MODE_SECONDS = 3600;
/** Most words a room's own block list holds, and the longest word. */
export const MAX_ROOM_BLOCK_WORDS = 100;
export const MAX_BLOCK_WORD_LENGTH = 64;

const Reason = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_REASON_LENGTH));
const Duration = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_DURATION_SECONDS));
const Limit = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100));

/** Who may post links in a room: everyone, signed-in users only, or nobody (moderators always may). */
export const LINK_POLICIES = ['allow', 'users', 'none'] as const;
/** What a send does when the moderation hook fails or runs out of time: goes through, or is refused. */
export const HOOK_FAILURE_POLICIES = ['open', 'closed'] as const;
/** What a moderator does with a report or a held message. */
export const RESOLUTIONS = ['dismiss', 'delete', 'mute', 'ban', 'approve'] as const;

/** `edit`: the author changes a message's text within the edit window; it keeps its position. */
export const EditFrame = v.strictObject({
  action: v.literal('edit'),
  room: RoomId,
  seq: Seq,
  text: v.string(),
  ref: v.optional(Ref),
});

/** `delete`: the author, or a moderator, replaces a message by a tombstone (same position, no text). */
export const DeleteFrame = v.strictObject({
  action: v.literal('delete'),
  room: RoomId,
  seq: Seq,
  reason: v.optional(Reason),
  ref: v.optional(Ref),
});

/** `report`: any participant flags a message for the room's moderators. */
export const ReportFrame = v.strictObject({
  action: v.literal('report'),
  room: RoomId,
  seq: Seq,
  reason: Reason,
  ref: v.optional(Ref),
});

/** `mute` / `ban`: restrict an identity in a room, or site-wide without `room` (site admins only). */
const restriction = <A extends 'mute' | 'ban'>(action: A) =>
  v.strictObject({
    action: v.literal(action),
    room: v.optional(RoomId),
    user: UserId,
    durationSeconds: v.optional(Duration),
    reason: v.optional(Reason),
    ref: v.optional(Ref),
  });

/** `mute`: the identity may read but not send (`shadow`: it may send, and only it sees what it sent). */
export const MuteFrame = v.strictObject({
  ...restriction('mute').entries,
  shadow: v.optional(v.boolean()),
});
/** `ban`: the identity may not join, read or send; its sockets leave the room (or the site) at once. */
export const BanFrame = restriction('ban');

/** `unmute` / `unban`: lift a restriction early. */
const lift = <A extends 'unmute' | 'unban'>(action: A) =>
  v.strictObject({
    action: v.literal(action),
    room: v.optional(RoomId),
    user: UserId,
    reason: v.optional(Reason),
    ref: v.optional(Ref),
  });
/** `unmute`: lift a mute (or shadow-mute). */
export const UnmuteFrame = lift('unmute');
/** `unban`: lift a ban. */
export const UnbanFrame = lift('unban');

/** `set_role`: the room's owner (or a site admin) names or removes a moderator. */
export const SetRoleFrame = v.strictObject({
  action: v.literal('set_role'),
  room: RoomId,
  user: UserId,
  role: v.picklist(['moderator', 'member']),
  reason: v.optional(Reason),
  ref: v.optional(Ref),
});

/** `room_settings`: moderators change a room's moderation settings; fields left out stay as they are. */
export const RoomSettingsFrame = v.strictObject({
  action: v.literal('room_settings'),
  room: RoomId,
  /** At most one message per this many seconds per identity; 0 turns slow mode off. */
  slowModeSeconds: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_SLOW_MODE_SECONDS)),
  ),
  links: v.optional(v.picklist(LINK_POLICIES)),
  /** Words refused in this room, on top of the stage's list; an empty list clears them. */
  blockList: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_BLOCK_WORD_LENGTH))),
      v.maxLength(MAX_ROOM_BLOCK_WORDS),
    ),
  ),
  /** Refuse the same text from one identity twice within a short time. */
  duplicates: v.optional(v.boolean()),
  /** Refuse an identity posting many messages within a short time. */
  flood: v.optional(v.boolean()),
  hookFailure: v.optional(v.picklist(HOOK_FAILURE_POLICIES)),
  reason: v.optional(Reason),
  ref: v.optional(Ref),
});

/** `reports`: open reports and held messages, of a room (its moderators) or of every room (site admins). */
export const ReportsFrame = v.strictObject({
  action: v.literal('reports'),
  room: v.optional(RoomId),
  limit: v.optional(Limit),
  ref: v.optional(Ref),
});

/** `resolve`: a moderator closes a report, acting on it (delete, mute, ban, approve a held message) or not. */
export const ResolveFrame = v.strictObject({
  action: v.literal('resolve'),
  room: RoomId,
  report: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,80}$/, 'not a report id')),
  resolution: v.picklist(RESOLUTIONS),
  durationSeconds: v.optional(Duration),
  reason: v.optional(Reason),
  ref: v.optional(Ref),
});

/** `audit`: the moderation audit trail, newest first, of a room or of the whole site (site admins). */
export const AuditFrame = v.strictObject({
  action: v.literal('audit'),
  room: v.optional(RoomId),
  limit: v.optional(Limit),
  /** Only entries older than this entry id (paging). */
  before: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-Z]{26}$/, 'not an audit entry id'))),
  ref: v.optional(Ref),
});

/** Every moderation action, for ClientFrame. */
export const MODERATION_FRAMES = [
  EditFrame,
  DeleteFrame,
  ReportFrame,
  MuteFrame,
  BanFrame,
  UnmuteFrame,
  UnbanFrame,
  SetRoleFrame,
  RoomSettingsFrame,
  ReportsFrame,
  ResolveFrame,
  AuditFrame,
] as const;

/** The `edit` frame. */
export type EditFrame = v.InferOutput<typeof EditFrame>;
/** The `delete` frame. */
export type DeleteFrame = v.InferOutput<typeof DeleteFrame>;
/** The `report` frame. */
export type ReportFrame = v.InferOutput<typeof ReportFrame>;
/** The `mute` frame. */
export type MuteFrame = v.InferOutput<typeof MuteFrame>;
/** The `ban` frame. */
export type BanFrame = v.InferOutput<typeof BanFrame>;
/** The `unmute` frame. */
export type UnmuteFrame = v.InferOutput<typeof UnmuteFrame>;
/** The `unban` frame. */
export type UnbanFrame = v.InferOutput<typeof UnbanFrame>;
/** The `set_role` frame. */
export type SetRoleFrame = v.InferOutput<typeof SetRoleFrame>;
/** The `room_settings` frame. */
export type RoomSettingsFrame = v.InferOutput<typeof RoomSettingsFrame>;
/** The `reports` frame. */
export type ReportsFrame = v.InferOutput<typeof ReportsFrame>;
/** The `resolve` frame. */
export type ResolveFrame = v.InferOutput<typeof ResolveFrame>;
/** The `audit` frame. */
export type AuditFrame = v.InferOutput<typeof AuditFrame>;
/** A link policy. */
export type LinkPolicy = (typeof LINK_POLICIES)[number];
/** A hook failure policy. */
export type HookFailurePolicy = (typeof HOOK_FAILURE_POLICIES)[number];
/** A report's resolution. */
export type Resolution = (typeof RESOLUTIONS)[number];

/**
 * Moderation (issue 13): the calls, as plain functions over a joined Room or a ChatClient, so an app
 * that does not moderate ships none of them (the SDK core only takes in what the server tells:
 * `update`, `delete` and `moderation` events on a room, `room.info.role`). Every call is authorised
 * by the server; a refusal rejects with a ChatError (`forbidden`, `not_found`, `edit_window_closed`…).
 */
import type { AuditEntry, ModerationFrame, Report, Resolution, RoomSettings } from './protocol/index.js';
import type { AckFrame, ChatMessage, RoomInfo } from './protocol/types.js';

/** What a `moderation` event tells a room: about you (muted, unmuted, your role) or the room (settings). */
export type ModerationNotice = Omit<ModerationFrame, 'type' | 'room'>;

/** A room's info after a moderation notice about it or about you. */
export function noticeInfo(info: RoomInfo | undefined, notice: ModerationNotice): RoomInfo | undefined {
  const { kind, role, until, reason, slowModeSeconds, links } = notice;
  return (
    info && {
      ...info,
      ...(role && { role }),
      ...(kind === 'settings' && { slowModeSeconds, links }),
      ...(kind.endsWith('muted') && { muted: kind === 'muted' ? { until, reason } : undefined }),
    }
  );
}

/**
 * Where a call goes: a joined Room (its room), or a ChatClient (site-wide, or the room named in the
 * options). Both have `request`.
 */
export interface Target {
  request(frame: Record<string, unknown>): Promise<AckFrame>;
}

/** Names a room when the target is a client; left out, a client's call is site-wide (site admins). */
export interface RoomOption {
  room?: string;
}

/** Options of `muteUser`. */
export interface MuteOptions extends RoomOption {
  /** For how long, in seconds; for good when left out. */
  durationSeconds?: number;
  /** Why: shown to the muted identity (unless shadow) and kept in the audit trail. */
  reason?: string;
  /** A shadow mute: the identity may still send, and only it sees what it sent. It is never told. */
  shadow?: boolean;
}

/** Options of `banUser`. */
export interface BanOptions extends RoomOption {
  /** For how long, in seconds; for good when left out. */
  durationSeconds?: number;
  /** Why: told to the banned identity and kept in the audit trail. */
  reason?: string;
}

/** Options of lifting a mute or a ban. */
export interface LiftOptions extends RoomOption {
  reason?: string;
}

/** Edits your own message within the edit window; resolves with it (same `seq`, new text, `editedAt`). */
export async function editMessage(room: Target, seq: number, text: string): Promise<ChatMessage> {
  return (await room.request({ action: 'edit', seq, text })).message as ChatMessage;
}

/**
 * Deletes your own message, or (moderators) anyone's; resolves with the tombstone that takes its
 * place (same `seq`, empty text, `deleted`).
 */
export async function deleteMessage(room: Target, seq: number, reason?: string): Promise<ChatMessage> {
  return (await room.request({ action: 'delete', seq, reason })).message as ChatMessage;
}

/** Reports a message to the room's moderators, with why; resolves with the report's id. */
export async function reportMessage(room: Target, seq: number, reason: string): Promise<string> {
  return (await room.request({ action: 'report', seq, reason })).report as string;
}

/**
 * (Moderators; site-wide: site admins) mutes an identity: it may read, not send. Resolves with when it
 * ends (undefined: for good).
 */
export async function muteUser(
  target: Target,
  userId: string,
  options: MuteOptions = {},
): Promise<number | undefined> {
  return (await target.request({ action: 'mute', user: userId, ...options })).until;
}

/** Lifts a mute. */
export async function unmuteUser(target: Target, userId: string, options: LiftOptions = {}): Promise<void> {
  await target.request({ action: 'unmute', user: userId, ...options });
}

/**
 * (Moderators; site-wide: site admins) bans an identity: it may not join, read or send, and its
 * sockets leave the room (or the site) at once. Resolves with when it ends (undefined: for good).
 */
export async function banUser(
  target: Target,
  userId: string,
  options: BanOptions = {},
): Promise<number | undefined> {
  return (await target.request({ action: 'ban', user: userId, ...options })).until;
}

/** Lifts a ban. */
export async function unbanUser(target: Target, userId: string, options: LiftOptions = {}): Promise<void> {
  await target.request({ action: 'unban', user: userId, ...options });
}

/** (Moderators) slow mode: at most one message per `seconds` per identity, moderators exempt; 0: off. */
export async function setSlowMode(room: Target, seconds: number, options: RoomOption = {}): Promise<void> {
  await room.request({ action: 'room_settings', slowModeSeconds: seconds, ...options });
}

/** (The room's owner, or a site admin) names a moderator, or makes one a plain member again. */
export async function setRole(
  room: Target,
  userId: string,
  role: 'moderator' | 'member',
  options: LiftOptions = {},
): Promise<void> {
  await room.request({ action: 'set_role', user: userId, role, ...options });
}

/** Settings a room's moderators may change; fields left out stay as they are. */
export type RoomSettingsChange = Partial<RoomSettings> & LiftOptions;

/** (Moderators) changes a room's moderation settings; resolves with the settings in force. */
export async function updateRoomSettings(room: Target, changes: RoomSettingsChange): Promise<RoomSettings> {
  return (await room.request({ action: 'room_settings', ...changes })).settings as RoomSettings;
}

/** Open reports and held messages, oldest first: a room's (its moderators) or every room's (site admins). */
export async function listReports(
  target: Target,
  options: RoomOption & { limit?: number } = {},
): Promise<Report[]> {
  return (await target.request({ action: 'reports', ...options })).reports ?? [];
}

/** Options of `resolveReport`. */
export interface ResolveOptions {
  /** With `mute` and `ban`: for how long, in seconds; for good when left out. */
  durationSeconds?: number;
  reason?: string;
}

/**
 * (The room's moderators) closes a report: `dismiss` it, `delete` the message, `mute` or `ban` its
 * author in the room, or `approve` a held message (it is published like a new send).
 */
export async function resolveReport(
  target: Target,
  report: Pick<Report, 'room' | 'id'>,
  resolution: Resolution,
  options: ResolveOptions = {},
): Promise<void> {
  await target.request({ action: 'resolve', room: report.room, report: report.id, resolution, ...options });
}

/** A page of the audit trail, newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  hasMore: boolean;
}

/** The audit trail: a room's (its owner, site admins) or everything (site admins); page with `before`. */
export async function readAudit(
  target: Target,
  options: RoomOption & { limit?: number; before?: string } = {},
): Promise<AuditPage> {
  const ack = await target.request({ action: 'audit', ...options });
  return { entries: ack.entries ?? [], hasMore: ack.hasMore ?? false };
}

import type { RoomInfo, RoomRole } from '@org/chat-sdk/protocol';
import type { Identity } from '../auth/identity.js';
import { ChatError } from '../errors.js';

/** Who may use a room: anyone with a token, or its members only. */
export type Visibility = 'public' | 'private';

/** A member record's role: `member` of a private room, or `moderator` of any room. */
export type MemberRole = 'member' | 'moderator';

/** A created room's settings. A room id nobody created is an open public room, where the stage allows it. */
export interface RoomMeta {
  id: string;
  visibility: Visibility;
  owner: string;
  title?: string;
  createdAt: number;
}

/** What the store knows about a room and one user. */
export interface RoomAccess {
  meta: RoomMeta | undefined;
  /** The user's member record, if any. */
  role: MemberRole | undefined;
}

/** Throws unless `identity` may read and write `room`: private rooms admit members only, never guests. */
export function assertCanUse(room: string, access: RoomAccess, identity: Identity): void {
  if (!access.meta || access.meta.visibility === 'public') return;
  if (identity.guest) throw new ChatError('forbidden', `guests cannot use private room ${room}`);
  if (!access.role && access.meta.owner !== identity.id) {
    throw new ChatError('forbidden', `not a member of private room ${room}`);
  }
}

/**
 * Whether a connection of `user` may receive a room's traffic now: anyone in a public room; in a
 * private room, its owner and members only. Decided at every delivery, from the same read that
 * lists the subscriptions, so a member removed a moment ago gets nothing more.
 */
export function mayReceive(
  meta: RoomMeta | undefined,
  members: ReadonlyMap<string, MemberRole>,
  user: Identity,
) {
  if (!meta || meta.visibility === 'public') return true;
  return !user.guest && (meta.owner === user.id || members.has(user.id));
}

/** The standing of `identity` in a room. */
export function roleIn(access: RoomAccess, identity: Identity): RoomRole {
  if (access.meta && access.meta.owner === identity.id) return 'owner';
  return access.role === 'moderator' ? 'moderator' : 'member';
}

/** What `join` and `create` tell a client about a room. */
export function roomInfo(access: RoomAccess, identity: Identity): RoomInfo {
  const { meta } = access;
  const info: RoomInfo = { visibility: meta?.visibility ?? 'public', role: roleIn(access, identity) };
  if (meta?.title) info.title = meta.title;
  if (meta?.owner) info.owner = meta.owner;
  return info;
}

/**
 * Which room names may be used without `create`, per stage: `*` (any), or a comma-separated list of
 * exact names and prefixes ending in `*` (`lobby,help-*`); empty means every room must be created.
 */
export function isOpenRoomName(room: string, policy: string): boolean {
  return policy
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .some((entry) => (entry.endsWith('*') ? room.startsWith(entry.slice(0, -1)) : room === entry));
}

/** Throws `not_found` unless the room was created or its name is open to use without `create`. */
export function assertRoomExists(room: string, meta: RoomMeta | undefined, policy: string): void {
  if (!meta && !isOpenRoomName(room, policy)) {
    throw new ChatError('not_found', `room ${room} does not exist`);
  }
}

/** Throws unless `identity` may create rooms: signed-in users only. */
export function assertCanCreate(identity: Identity): void {
  if (identity.guest) throw new ChatError('forbidden', 'guests cannot create rooms');
}

/** Throws unless `identity` may add or remove other members: a member of a created private room. */
export function assertCanManageMembers(room: string, access: RoomAccess, identity: Identity): void {
  if (!access.meta) throw new ChatError('not_found', `room ${room} does not exist`);
  if (access.meta.visibility !== 'private')
    throw new ChatError('invalid', `room ${room} is public: it has no members`);
  assertCanUse(room, access, identity);
}

/** Throws unless `userId` can be a member: guests never can. */
export function assertMemberCandidate(userId: string): void {
  if (userId.startsWith('guest_'))
    throw new ChatError('forbidden', 'guests cannot be members of private rooms');
}

/** Throws unless the caller may remove `userId`: anyone may leave; only the owner removes others. */
export function assertCanRemove(room: string, access: RoomAccess, identity: Identity, userId: string): void {
  assertCanManageMembers(room, access, identity);
  if (userId !== identity.id && access.meta?.owner !== identity.id) {
    throw new ChatError('forbidden', `only the owner of ${room} removes other members`);
  }
  if (userId === access.meta?.owner) throw new ChatError('invalid', 'the owner cannot leave their room');
}

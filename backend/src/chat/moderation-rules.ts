import type { RoomRole } from '@org/chat-sdk/protocol';
import type { Identity } from '../auth/identity.js';
import { ChatError } from '../errors.js';
import type { MemberRole, RoomMeta } from './rooms.js';

/** A mute or ban of one identity (or, for guests, one network) in a room or site-wide. */
export interface Restriction {
  kind: 'mute' | 'ban';
  /** When it ends, ms since the epoch; undefined: for good. */
  until: number | undefined;
  /** A mute that lets the identity send, showing what it sent to itself only. */
  shadow: boolean;
  reason: string | undefined;
  /** Who imposed it (user id). */
  by: string;
  at: number;
}

/** A room's live restrictions, by user id (and, for guests, by network). */
export interface RoomRestrictions {
  bans: Map<string, Restriction>;
  networkBans: Map<string, Restriction>;
  mutes: Map<string, Restriction>;
}

/** An empty set of restrictions. */
export function noRestrictions(): RoomRestrictions {
  return { bans: new Map(), networkBans: new Map(), mutes: new Map() };
}

/** Whether a restriction still holds at `now`. */
export function isActive(restriction: Restriction | undefined, now: number): restriction is Restriction {
  return restriction !== undefined && (restriction.until === undefined || restriction.until > now);
}

/** What the server knows of who is asking, beyond its identity: site admin, and its network (guests' bans). */
export interface Standing {
  /** A member of the site admins' Cognito group (from the token, via the authorizer). */
  admin: boolean;
  /** The connection's network: its IPv4 address or IPv6 /64 (auth/ip-limit.ts ipBucket). */
  network: string;
}

const RANK: Record<RoomRole, number> = { member: 0, moderator: 1, owner: 2, admin: 3 };

/**
 * The standing of an identity in a room: site admins everywhere, the room's owner, the moderators it
 * named (guests never: a guest's moderator record, should one exist, counts for nothing), or member.
 */
export function roomRole(
  meta: RoomMeta | undefined,
  memberRole: MemberRole | undefined,
  identity: Identity,
  admin: boolean,
): RoomRole {
  if (admin && !identity.guest) return 'admin';
  if (meta?.owner === identity.id) return 'owner';
  if (memberRole === 'moderator' && !identity.guest) return 'moderator';
  return 'member';
}

/** Whether a role moderates its room. */
export function isModerator(role: RoomRole): boolean {
  return RANK[role] >= RANK.moderator;
}

/** Throws `forbidden` unless `role` moderates `room`. */
export function assertModerator(role: RoomRole, room: string): void {
  if (!isModerator(role)) throw new ChatError('forbidden', `only moderators of ${room} may do this`);
}

/** Throws `forbidden` unless `actor` outranks `target` (a moderator cannot act on another, or on the owner). */
export function assertOutranks(actor: RoomRole, target: RoomRole): void {
  if (RANK[actor] <= RANK[target]) throw new ChatError('forbidden', `a ${actor} cannot act on a ${target}`);
}

/** Throws `forbidden` unless the caller is a site admin (site-wide actions). */
export function assertSiteAdmin(standing: Standing): void {
  if (!standing.admin) throw new ChatError('forbidden', 'only site admins act site-wide');
}

/** Throws `forbidden` unless the room's roles may be changed by `role`: its owner or a site admin. */
export function assertCanSetRoles(role: RoomRole, room: string): void {
  if (RANK[role] < RANK.owner) throw new ChatError('forbidden', `only the owner of ${room} names moderators`);
}

/** Throws `forbidden` for a guest id: guests are never moderators. */
export function assertModeratorCandidate(userId: string): void {
  if (userId.startsWith('guest_')) throw new ChatError('forbidden', 'guests cannot be moderators');
}

/** The ban that keeps `identity` out of a room now, if any: its own, or (a guest) its network's. */
export function activeBan(
  restrictions: RoomRestrictions,
  identity: Identity,
  network: string | undefined,
  now: number,
): Restriction | undefined {
  const own = restrictions.bans.get(identity.id);
  if (isActive(own, now)) return own;
  const net = identity.guest && network ? restrictions.networkBans.get(network) : undefined;
  return isActive(net, now) ? net : undefined;
}

/** Throws `banned` (with when it ends) when `ban` is set. */
export function assertNotBanned(ban: Restriction | undefined, room: string | undefined): void {
  if (!ban) return;
  throw withUntil(
    new ChatError('banned', room ? `you are banned from ${room}` : 'you are banned from this site'),
    ban.until,
  );
}

/** A ChatError carrying when a restriction ends (for `muted` and `banned` error frames). */
export function withUntil(error: ChatError, until: number | undefined): ChatError {
  if (until !== undefined) error.until = until;
  return error;
}

/** When a restriction imposed `now` for `durationSeconds` ends; undefined: for good. */
export function restrictionEnd(now: number, durationSeconds: number | undefined): number | undefined {
  return durationSeconds === undefined ? undefined : now + durationSeconds * 1000;
}

/**
 * When a restriction's record may expire (TTL, ms). A guest identity cannot be renewed past its
 * maximum age, so a guest's "for good" ban or mute need not outlive that; a user's lasts as long as set.
 */
export function restrictionExpiry(
  until: number | undefined,
  targetIsGuest: boolean,
  now: number,
  guestIdentityMaxAgeSeconds: number,
): number | undefined {
  const guestBound = targetIsGuest ? now + guestIdentityMaxAgeSeconds * 1000 + 86_400_000 : undefined;
  if (until === undefined) return guestBound;
  return guestBound === undefined ? until : Math.min(until, guestBound);
}

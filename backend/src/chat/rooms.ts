import type { Identity } from '../auth/identity.js';
import { ChatError } from '../errors.js';

/** Who may use a room: anyone with a token, or its members only. */
export type Visibility = 'public' | 'private';

/** A created room's settings. A room id nobody created is an implicit public room. */
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
  isMember: boolean;
}

/** Throws unless `identity` may read and write `room`: private rooms admit members only, never guests. */
export function assertCanUse(room: string, access: RoomAccess, identity: Identity): void {
  if (!access.meta || access.meta.visibility === 'public') return;
  if (identity.guest) throw new ChatError('forbidden', `guests cannot use private room ${room}`);
  if (!access.isMember) throw new ChatError('forbidden', `not a member of private room ${room}`);
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

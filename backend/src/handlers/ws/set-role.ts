import { assertCanSetRoles, assertModeratorCandidate, roomRole } from '../../chat/moderation-rules.js';
import { assertRoomExists } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { noticeInRoom } from '../../push/moderation.js';
import { deleteMember, putMember, readRoomAndMember, readRoomState } from '../../store/rooms.js';
import { audit } from './moderation-actions.js';
import { route } from './route.js';

/**
 * `set_role`: the room's owner (or a site admin) names a signed-in user moderator, or makes a
 * moderator a plain member again (in a private room they stay a member). The user's connections in
 * the room are told their new role. Audited.
 */
export const handler = route('set_role', async (frame, { identity, standing, api }) => {
  const room = frame.room;
  const { record, role } = await readRoomAndMember(room, identity.id);
  assertRoomExists(room, record.meta, config.openRooms);
  const actorRole = roomRole(record.meta, role, identity, standing.admin);
  assertCanSetRoles(actorRole, room);
  if (frame.user === record.meta?.owner) throw new ChatError('invalid', 'the owner’s role cannot change');
  if (frame.role === 'moderator') {
    assertModeratorCandidate(frame.user);
    await putMember(room, frame.user, 'moderator', identity.id);
  } else if (record.meta?.visibility === 'private') {
    await putMember(room, frame.user, 'member', identity.id);
  } else {
    await deleteMember(room, frame.user);
  }
  const { subscriptions } = await readRoomState(room);
  await noticeInRoom(api, room, subscriptions, frame.user, {
    type: 'moderation',
    kind: 'role',
    room,
    role: frame.role,
  });
  await audit({ identity, standing, api }, actorRole, {
    action: 'set_role',
    room,
    target: frame.user,
    ...(frame.reason ? { reason: frame.reason } : {}),
    detail: { role: frame.role },
  });
  return { type: 'ack', ref: frame.ref ?? '', room };
});

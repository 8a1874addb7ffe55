import { assertCanRemove } from '../../chat/rooms.js';
import { loadRoomAccess, removeMember } from '../../store/rooms.js';
import { route } from './route.js';

/** `remove_member`: a member leaves a private room, or its owner removes another member. */
export const handler = route('remove_member', async (frame, { identity }) => {
  assertCanRemove(frame.room, await loadRoomAccess(frame.room, identity.id), identity, frame.user);
  await removeMember(frame.room, frame.user);
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room };
});

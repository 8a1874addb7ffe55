import { assertCanManageMembers, assertMemberCandidate } from '../../chat/rooms.js';
import { addMember, loadRoomAccess } from '../../store/rooms.js';
import { route } from './route.js';

/** `add_member`: a member of a private room adds a signed-in user to it. */
export const handler = route('add_member', async (frame, { identity }) => {
  assertCanManageMembers(frame.room, await loadRoomAccess(frame.room, identity.id), identity);
  assertMemberCandidate(frame.user);
  await addMember(frame.room, frame.user, identity.id);
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room };
});

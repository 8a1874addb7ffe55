import { assertCanManageMembers, assertMemberCandidate } from '../../chat/rooms.js';
import { putMember, readRoomAndMember } from '../../store/rooms.js';
import { route } from './route.js';

/** `add_member`: a member of a private room adds a signed-in user to it (idempotent). */
export const handler = route('add_member', async (frame, { identity }) => {
  const { record, role } = await readRoomAndMember(frame.room, identity.id);
  assertCanManageMembers(frame.room, { meta: record.meta, role }, identity);
  assertMemberCandidate(frame.user);
  await putMember(frame.room, frame.user, 'member', identity.id);
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room };
});

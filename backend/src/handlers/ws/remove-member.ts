import { assertCanRemove } from '../../chat/rooms.js';
import { endSubscriptions, subscriptionsOf } from '../../push/removal.js';
import { deleteMember, readRoomAndMember } from '../../store/rooms.js';
import { route } from './route.js';

/**
 * `remove_member`: a member leaves a private room, or its owner removes another member. From the
 * moment the member record is gone no delivery reaches them; their open subscriptions in the room
 * are then ended on every socket, each told with `removed`.
 */
export const handler = route('remove_member', async (frame, { identity, api }) => {
  const { record, role } = await readRoomAndMember(frame.room, identity.id);
  assertCanRemove(frame.room, { meta: record.meta, role }, identity, frame.user);
  await deleteMember(frame.room, frame.user);
  await endSubscriptions(api, frame.room, await subscriptionsOf(frame.user, frame.room), 'removed');
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room };
});

import { assertCanCreate, mayReceive, roomInfo } from '../../chat/rooms.js';
import { endSubscriptions } from '../../push/removal.js';
import { createRoom, readRoomState } from '../../store/rooms.js';
import { route } from './route.js';

/**
 * `create`: a signed-in user creates a room and owns it. Asking again for the same room with the same
 * settings (a retry after a lost answer) succeeds. A room made private ends the subscriptions of
 * everyone else already in it (say, a guest who joined the name first), telling each with `removed`.
 */
export const handler = route('create', async (frame, { identity, api }) => {
  assertCanCreate(identity);
  const meta = {
    id: frame.room,
    visibility: frame.visibility,
    owner: identity.id,
    createdAt: Date.now(),
    ...(frame.title ? { title: frame.title } : {}),
  };
  await createRoom(meta);
  if (meta.visibility === 'private') {
    const state = await readRoomState(frame.room);
    const outsiders = state.subscriptions.filter(({ user }) => !mayReceive(state.meta, state.members, user));
    await endSubscriptions(api, frame.room, outsiders, 'private');
  }
  return {
    type: 'ack',
    ref: frame.ref ?? '',
    room: frame.room,
    info: roomInfo({ meta, role: undefined }, identity),
  };
});

import { assertCanCreate } from '../../chat/rooms.js';
import { addMember, createRoom } from '../../store/rooms.js';
import { route } from './route.js';

/** `create`: a signed-in user creates a room; the creator owns it and, if private, is its first member. */
export const handler = route('create', async (frame, { identity }) => {
  assertCanCreate(identity);
  const meta = {
    id: frame.room,
    visibility: frame.visibility,
    owner: identity.id,
    createdAt: Date.now(),
    ...(frame.title ? { title: frame.title } : {}),
  };
  await createRoom(meta);
  if (meta.visibility === 'private') await addMember(frame.room, identity.id, identity.id);
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room, visibility: meta.visibility };
});

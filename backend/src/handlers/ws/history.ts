import { LIMITS } from '@org/chat-sdk/protocol';
import { assertCanUse } from '../../chat/rooms.js';
import { ChatError } from '../../errors.js';
import { listMessages } from '../../store/messages.js';
import { loadRoomAccess } from '../../store/rooms.js';
import { route } from './route.js';

/** `history`: one page of a room's messages, oldest first, for those who may use the room. */
export const handler = route('history', async (frame, { identity }) => {
  if (frame.before && frame.after) throw new ChatError('invalid', 'give before or after, not both');
  assertCanUse(frame.room, await loadRoomAccess(frame.room, identity.id), identity);
  const page = await listMessages(frame.room, {
    limit: frame.limit ?? LIMITS.defaultPageSize,
    before: frame.before,
    after: frame.after,
  });
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room, ...page };
});

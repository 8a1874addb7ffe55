import { LIMITS } from '@org/chat-sdk/protocol';
import { ChatError } from '../../errors.js';
import { listMessages } from '../../store/messages.js';
import { route } from './route.js';

/** `history`: one page of a room's messages, oldest first. */
export const handler = route('history', async (frame) => {
  if (frame.before && frame.after) throw new ChatError('invalid', 'give before or after, not both');
  const page = await listMessages(frame.room, {
    limit: frame.limit ?? LIMITS.defaultPageSize,
    before: frame.before,
    after: frame.after,
  });
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room, ...page };
});

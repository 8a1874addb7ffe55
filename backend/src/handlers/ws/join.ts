import { LIMITS } from '@org/chat-sdk/protocol';
import { addSubscription } from '../../store/connections.js';
import { listMessages } from '../../store/messages.js';
import { route } from './route.js';

/** `join`: subscribes the connection to a room; with `after`, acks with the first page it missed. */
export const handler = route('join', async (frame, { connectionId, identity }) => {
  await addSubscription(frame.room, connectionId, identity);
  const missed = frame.after
    ? await listMessages(frame.room, { after: frame.after, limit: LIMITS.maxPageSize })
    : undefined;
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room, ...missed };
});

import { LIMITS } from '@org/chat-sdk/protocol';
import type { Identity } from '../../auth/identity.js';
import { limitsFor } from '../../chat/limits.js';
import { assertCanUse } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { announcePresence } from '../../push/presence.js';
import { listSubscriptions, putSubscription, reserveRoom } from '../../store/connections.js';
import { listMessages } from '../../store/messages.js';
import { loadRoomAccess } from '../../store/rooms.js';
import { route } from './route.js';

// The join ack lists who is online; beyond this many connections the list is cut, not the join.
const ONLINE_LIST_LIMIT = 200;

/**
 * `join`: subscribes the connection to a room it may use, announces the user's arrival, and acks
 * with who is online; with `after`, also with the first page of messages it missed, else with the
 * newest message id.
 */
export const handler = route('join', async (frame, { connectionId, identity, api }) => {
  assertCanUse(frame.room, await loadRoomAccess(frame.room, identity.id), identity);
  await reserveRoom(connectionId, frame.room, limitsFor(identity, config).roomsPerConnection);
  await putSubscription(frame.room, connectionId, identity);
  const [subscriptions, page] = await Promise.all([
    listSubscriptions(frame.room, ONLINE_LIST_LIMIT),
    // With `after`: what was missed. Without: the newest id, the resume point of a client that saw nothing yet.
    listMessages(frame.room, { after: frame.after, limit: frame.after ? LIMITS.maxPageSize : 1 }),
    announcePresence(api, frame.room, identity, connectionId, 'online'),
  ]);
  const ack = {
    type: 'ack' as const,
    ref: frame.ref ?? '',
    room: frame.room,
    online: uniqueUsers(subscriptions),
  };
  if (frame.after) return { ...ack, messages: page.messages, hasMore: page.hasMore };
  const latest = page.messages.at(-1)?.id;
  return latest ? { ...ack, latest } : ack;
});

function uniqueUsers(subscriptions: { user: Identity }[]): Identity[] {
  const byId = new Map<string, Identity>();
  for (const { user } of subscriptions) if (user) byId.set(user.id, user);
  return [...byId.values()];
}

import { LIMITS } from '@org/chat-sdk/protocol';
import type { Identity } from '../../auth/identity.js';
import { limitsFor } from '../../chat/limits.js';
import { assertCanUse } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { announceArrival } from '../../push/presence.js';
import { listSubscriptions, putSubscription, reserveRoom } from '../../store/connections.js';
import { listMessages } from '../../store/messages.js';
import { loadRoomAccess } from '../../store/rooms.js';
import { route } from './route.js';

// The join ack lists who is online; beyond this many connections the list is cut, not the join.
const ONLINE_LIST_LIMIT = 200;

/**
 * `join`: subscribes the connection to a room it may use, announces the user's arrival, and acks
 * with who is online; with `after`, also with the first page of messages it missed.
 */
export const handler = route('join', async (frame, { connectionId, identity, api }) => {
  assertCanUse(frame.room, await loadRoomAccess(frame.room, identity.id), identity);
  await reserveRoom(connectionId, frame.room, limitsFor(identity, config).roomsPerConnection);
  await putSubscription(frame.room, connectionId, identity);
  const [subscriptions, missed] = await Promise.all([
    listSubscriptions(frame.room, ONLINE_LIST_LIMIT),
    frame.after ? listMessages(frame.room, { after: frame.after, limit: LIMITS.maxPageSize }) : undefined,
    announceArrival(api, frame.room, identity, connectionId),
  ]);
  return {
    type: 'ack',
    ref: frame.ref ?? '',
    room: frame.room,
    online: uniqueUsers(subscriptions),
    ...missed,
  };
});

function uniqueUsers(subscriptions: { user: Identity }[]): Identity[] {
  const byId = new Map<string, Identity>();
  for (const { user } of subscriptions) if (user) byId.set(user.id, user);
  return [...byId.values()];
}

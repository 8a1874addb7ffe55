import type { RemovedReason } from '@org/chat-sdk/protocol';
import type { Identity } from '../auth/identity.js';
import { listUserConnections, releaseRoom, removeSubscription } from '../store/connections.js';
import { readRoomState, type Subscription } from '../store/rooms.js';
import type { ConnectionsApi } from './connections-api.js';
import { postAll } from './fanout.js';
import { encodeFrame } from './frames.js';
import { announcePresence, SIGNALS_MAX_CONNECTIONS } from './presence.js';

/**
 * Ends subscriptions of a room without their connections asking, and tells each connection why with a
 * `removed` frame (its client stops expecting the room's traffic). Delivery already refuses them from
 * this moment (chat/rooms.ts mayReceive): this tidies up and informs.
 */
export async function endSubscriptions(
  api: ConnectionsApi,
  room: string,
  subscriptions: readonly Subscription[],
  reason: RemovedReason,
  /** With `banned`: when the ban ends (absent: for good). */
  until?: number,
): Promise<void> {
  if (!subscriptions.length) return;
  const ended = await Promise.all(
    subscriptions.map(async ({ connectionId }) => {
      const [was] = await Promise.all([
        removeSubscription(room, connectionId),
        releaseRoom(connectionId, room),
      ]);
      return was;
    }),
  );
  await postAll(
    api,
    room,
    subscriptions.map((s) => s.connectionId),
    encodeFrame(
      until === undefined ? { type: 'removed', room, reason } : { type: 'removed', room, reason, until },
    ),
  );
  const users = new Map<string, { user: Identity; connectionId: string }>();
  subscriptions.forEach((s, i) => {
    if (ended[i]) users.set(s.user.id, s);
  });
  if (!users.size) return;
  const state = await readRoomState(room, SIGNALS_MAX_CONNECTIONS);
  await Promise.all(
    [...users.values()].map(({ user, connectionId }) =>
      announcePresence(api, state, room, user, connectionId, 'offline'),
    ),
  );
}

/** The subscriptions a user holds in a room, on any of their connections. */
export async function subscriptionsOf(userId: string, room: string): Promise<Subscription[]> {
  const connections = await listUserConnections(userId);
  return connections
    .filter((c) => c.rooms.has(room))
    .map(({ connectionId, user }) => ({ connectionId, user }));
}

import type { Identity } from '../auth/identity.js';
import type { Departure } from '../queue/departures.js';
import { removeSubscription } from '../store/connections.js';
import { type RoomState, readRoomState, type Subscription } from '../store/rooms.js';
import { type ConnectionsApi, connectionsApi } from './connections-api.js';
import { fanOut } from './fanout.js';

/**
 * Rooms with more connections than this get no presence or typing frames: in a crowd they are
 * noise, and each would cost a post per connection. Their join ack still lists who is online (cut).
 */
export const SIGNALS_MAX_CONNECTIONS = 500;

/**
 * Tells a room that `user` came online there (their first connection subscribed) or went offline
 * (their last one left). Callers announce only when a subscription really began or ended, and read
 * the room's state after it did; whether another of the user's connections is in the room comes from
 * that same read (complete whenever an announcement is made at all), so it costs no further query and
 * is as consistent as the delivery it decides.
 */
export async function announcePresence(
  api: ConnectionsApi,
  state: RoomState,
  room: string,
  user: Identity,
  connectionId: string,
  status: 'online' | 'offline',
): Promise<void> {
  if (!state.complete || state.subscriptions.length > SIGNALS_MAX_CONNECTIONS) return;
  if (isOnlineElsewhere(state, user.id, connectionId)) return;
  await fanOut(api, { room, state, except: connectionId }, { type: 'presence', room, user, status });
}

/**
 * Whether the room's state holds a subscription of `userId` on another connection than
 * `connectionId`, live or departing within the grace period (a reconnect then announces nothing:
 * the room never heard that the user left).
 */
function isOnlineElsewhere(state: RoomState, userId: string, connectionId: string): boolean {
  const other = (s: Subscription) => s.user?.id === userId && s.connectionId !== connectionId;
  return state.subscriptions.some(other) || state.departing.some(other);
}

/**
 * Announces a closed connection's departure from each of its rooms where its user has no other
 * connection, live or departing. The subscription is removed first and the room read after (as a
 * join writes before it reads), so a reconnect racing this either is seen here or sees the departure.
 * `subscriptionsRemoved`: the caller removed them already. Rejects when any room failed; announcing
 * again is harmless (presence is a state, not an event to count), so the whole departure may be retried.
 */
export async function announceDeparture(
  { connectionId, user, rooms, endpoint }: Departure,
  subscriptionsRemoved = false,
): Promise<void> {
  const api = connectionsApi(endpoint);
  const results = await Promise.allSettled(
    rooms.map(async (room) => {
      if (!subscriptionsRemoved) await removeSubscription(room, connectionId);
      const state = await readRoomState(room, SIGNALS_MAX_CONNECTIONS);
      await announcePresence(api, state, room, user, connectionId, 'offline');
    }),
  );
  const failed = results.filter((r) => r.status === 'rejected').length;
  if (failed) throw new Error(`departure announcements failed in ${failed} of ${rooms.length} rooms`);
}

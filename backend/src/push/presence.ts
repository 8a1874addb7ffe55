import type { Identity } from '../auth/identity.js';
import type { RoomState } from '../store/rooms.js';
import type { ConnectionsApi } from './connections-api.js';
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

/** Whether the room's state holds a subscription of `userId` on another connection than `connectionId`. */
function isOnlineElsewhere(state: RoomState, userId: string, connectionId: string): boolean {
  return state.subscriptions.some((s) => s.user?.id === userId && s.connectionId !== connectionId);
}

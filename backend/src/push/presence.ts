import type { Identity } from '../auth/identity.js';
import { isOnlineElsewhere } from '../store/connections.js';
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
 * (their last one left). Callers announce only when a subscription really began or ended; whether
 * another of the user's connections is in the room comes from the by-user index, which is small per
 * user, rather than from the room's subscriptions, which grow with the room.
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
  if (await isOnlineElsewhere(user.id, room, connectionId)) return;
  await fanOut(api, { room, state, except: connectionId }, { type: 'presence', room, user, status });
}

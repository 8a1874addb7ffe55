import { announcePresence, SIGNALS_MAX_CONNECTIONS } from '../../push/presence.js';
import { releaseRoom, removeSubscription } from '../../store/connections.js';
import { readRoomState } from '../../store/rooms.js';
import { route } from './route.js';

/**
 * `leave`: stops this connection's live messages from a room. The departure is announced only when
 * the connection really was in the room (leaving a room never joined tells nobody anything).
 */
export const handler = route('leave', async (frame, { connectionId, identity, api }) => {
  const [wasSubscribed] = await Promise.all([
    removeSubscription(frame.room, connectionId),
    releaseRoom(connectionId, frame.room),
  ]);
  if (wasSubscribed) {
    const state = await readRoomState(frame.room, SIGNALS_MAX_CONNECTIONS);
    await announcePresence(api, state, frame.room, identity, connectionId, 'offline');
  }
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room };
});

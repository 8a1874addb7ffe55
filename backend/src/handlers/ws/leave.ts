import { announcePresence } from '../../push/presence.js';
import { releaseRoom, removeSubscription } from '../../store/connections.js';
import { route } from './route.js';

/** `leave`: stops this connection's live messages from a room and announces the departure. */
export const handler = route('leave', async (frame, { connectionId, identity, api }) => {
  await Promise.all([removeSubscription(frame.room, connectionId), releaseRoom(connectionId, frame.room)]);
  await announcePresence(api, frame.room, identity, connectionId, 'offline');
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room };
});

import { isActive } from '../../chat/moderation-rules.js';
import { mayReceive } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { fanOut } from '../../push/fanout.js';
import { SIGNALS_MAX_CONNECTIONS } from '../../push/presence.js';
import { markTyping } from '../../store/connections.js';
import { readRoomState } from '../../store/rooms.js';
import { route } from './route.js';

/**
 * `typing`: relays "is typing" to the room's other connections, at most once per throttle interval,
 * only from a connection subscribed to the room whose identity may still use it, and only in rooms
 * small enough for such signals (push/presence.ts).
 */
export const handler = route('typing', async (frame, { connectionId, identity, api }) => {
  const outcome = await markTyping(frame.room, connectionId, config.typingThrottleMs);
  if (outcome === 'not_joined') throw new ChatError('forbidden', `join ${frame.room} before typing in it`);
  if (outcome === 'relay') {
    const state = await readRoomState(frame.room, SIGNALS_MAX_CONNECTIONS);
    if (!mayReceive(state.meta, state.members, identity)) {
      throw new ChatError('forbidden', `not a member of private room ${frame.room}`);
    }
    // A muted identity (shadow-muted too) shows nobody that it is typing (issue 13).
    const muted = isActive(state.restrictions.mutes.get(identity.id), Date.now());
    if (!muted && state.complete && state.subscriptions.length <= SIGNALS_MAX_CONNECTIONS) {
      await fanOut(
        api,
        { room: frame.room, state, except: connectionId },
        { type: 'typing', room: frame.room, user: identity },
      );
    }
  }
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room, throttled: outcome === 'throttled' };
});

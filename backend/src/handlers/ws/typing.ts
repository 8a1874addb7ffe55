import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { fanOut } from '../../push/fanout.js';
import { markTyping } from '../../store/connections.js';
import { route } from './route.js';

/** `typing`: relays "is typing" to the room's other connections, at most once per throttle interval. */
export const handler = route('typing', async (frame, { connectionId, identity, api }) => {
  const outcome = await markTyping(frame.room, connectionId, config.typingThrottleMs);
  if (outcome === 'not_joined') throw new ChatError('forbidden', `join ${frame.room} before typing in it`);
  if (outcome === 'relay') {
    await fanOut(api, frame.room, { type: 'typing', room: frame.room, user: identity }, connectionId);
  }
  return { type: 'ack', ref: frame.ref ?? '', room: frame.room, throttled: outcome === 'throttled' };
});

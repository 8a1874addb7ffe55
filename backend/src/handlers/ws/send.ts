import { composeMessage } from '../../chat/messages.js';
import { assertCanUse } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { logger } from '../../log.js';
import { fanOut } from '../../push/fanout.js';
import { putMessageOnce } from '../../store/messages.js';
import { loadRoomAccess } from '../../store/rooms.js';
import { route } from './route.js';

/** `send`: stores the message once per client id, fans it out to the room, acks with the stored message. */
export const handler = route('send', async (frame, { connectionId, identity, api }) => {
  const draft = composeMessage({ room: frame.room, text: frame.text, clientId: frame.id }, identity);
  assertCanUse(frame.room, await loadRoomAccess(frame.room, identity.id), identity);
  const { message, duplicate } = await putMessageOnce(draft, config.messageRetentionDays);
  if (!duplicate) {
    const result = await fanOut(api, message.room, { type: 'message', message }, connectionId);
    logger.info('fanned out', { messageId: message.id, ...result });
  }
  return { type: 'ack', ref: frame.ref ?? '', message };
});

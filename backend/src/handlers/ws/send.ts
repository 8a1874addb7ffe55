import { composeMessage } from '../../chat/messages.js';
import { logger } from '../../log.js';
import { connectionsClient, connectionsEndpoint } from '../../push/connections-api.js';
import { fanOut } from '../../push/fanout.js';
import { putMessageOnce } from '../../store/messages.js';
import { route } from './route.js';

/** `send`: stores the message once per client id, fans it out to the room, acks with the stored message. */
export const handler = route('send', async (frame, ctx) => {
  const draft = composeMessage({ room: frame.room, text: frame.text, clientId: frame.id }, ctx.identity);
  const { message, duplicate } = await putMessageOnce(draft);
  if (!duplicate) {
    const api = connectionsClient(connectionsEndpoint(ctx.domainName, ctx.stage));
    const result = await fanOut(api, message.room, { type: 'message', message }, ctx.connectionId);
    logger.info('fanned out', { messageId: message.id, ...result });
  }
  return { type: 'ack', ref: frame.ref ?? '', message };
});

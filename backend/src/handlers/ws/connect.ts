import { SUBPROTOCOL } from '@org/chat-sdk/protocol';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { fromContext } from '../../auth/identity.js';
import { logger } from '../../log.js';
import { putConnection } from '../../store/connections.js';

interface ConnectEvent {
  requestContext: { connectionId: string; authorizer?: Record<string, unknown> };
}

/** `$connect`: records the connection (the authorizer already proved who it is) and selects `chat.v1`. */
export async function handler(event: ConnectEvent): Promise<APIGatewayProxyResult> {
  const { connectionId, authorizer } = event.requestContext;
  const identity = fromContext(authorizer);
  if (!identity) return { statusCode: 401, body: 'Unauthorized' };
  await putConnection(connectionId, identity);
  logger.info('connected', { connectionId, userId: identity.id });
  // Browsers drop a connection whose handshake selects no protocol they offered.
  return { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': SUBPROTOCOL }, body: '' };
}

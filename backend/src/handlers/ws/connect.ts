import { SUBPROTOCOL } from '@org/chat-sdk/protocol';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { fromContext } from '../../auth/identity.js';
import { ipBucket } from '../../auth/ip-limit.js';
import { limitsFor } from '../../chat/limits.js';
import { config } from '../../config.js';
import { logger } from '../../log.js';
import { countOtherConnections, putConnection, removeConnection } from '../../store/connections.js';
import { readSiteBan } from '../../store/moderation.js';
import { instrument } from '../instrument.js';

interface ConnectEvent {
  requestContext: {
    connectionId: string;
    authorizer?: Record<string, unknown>;
    identity?: { sourceIp?: string };
  };
}

/**
 * `$connect`: records the connection (the authorizer already proved who it is) and selects `chat.v1`;
 * refused with 429 when the identity already holds as many connections as its limit allows (one
 * token cannot open sockets without end). The count comes from the by-user index, which AWS updates
 * within about a second: a burst can pass the limit by the few connections made in that time.
 */
export const handler = instrument(async (event: ConnectEvent): Promise<APIGatewayProxyResult> => {
  const { connectionId, authorizer, identity: source } = event.requestContext;
  const identity = fromContext(authorizer);
  if (!identity) return { statusCode: 401, body: 'Unauthorized' };
  const limit = limitsFor(identity, config).connectionsPerIdentity;
  const network = ipBucket(source?.sourceIp);
  // One round trip: the record, the count of the identity's other connections and its site-wide ban
  // at once (the handshake waits on them, and a reconnecting crowd waits on the handshake). A ban
  // written meanwhile is seen here or, once the by-user index has this record, finds the connection
  // when it closes the identity's sockets; the index lags the table by up to about a second on AWS
  // anyway, so reading the ban after the write would not close that window either.
  const [, others, ban] = await Promise.all([
    putConnection(connectionId, identity, Date.now(), network),
    countOtherConnections(identity.id, connectionId),
    readSiteBan(identity.id, identity.guest ? network : undefined),
  ]);
  const connections = others + 1;
  if (ban) {
    await removeConnection(connectionId);
    logger.info('banned identity refused', { userId: identity.id });
    return { statusCode: 403, body: 'Forbidden' };
  }
  if (connections > limit) {
    await removeConnection(connectionId);
    logger.warn('too many connections', { userId: identity.id, limit });
    return { statusCode: 429, body: 'Too Many Connections' };
  }
  logger.info('connected', { connectionId, userId: identity.id });
  // Browsers drop a connection whose handshake selects no protocol they offered.
  return { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': SUBPROTOCOL }, body: '' };
});

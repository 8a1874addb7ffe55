import type { APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '../../log.js';
import { connectionsClient, connectionsEndpoint } from '../../push/connections-api.js';
import { announcePresence } from '../../push/presence.js';
import { removeConnection } from '../../store/connections.js';

interface DisconnectEvent {
  requestContext: { connectionId: string; domainName?: string; stage?: string };
}

/** `$disconnect`: forgets the connection and its subscriptions, and announces departures. */
export async function handler(event: DisconnectEvent): Promise<APIGatewayProxyResult> {
  const { connectionId, domainName, stage } = event.requestContext;
  const { user, rooms } = await removeConnection(connectionId);
  if (user && rooms.length) {
    const api = connectionsClient(connectionsEndpoint(domainName, stage));
    const results = await Promise.allSettled(
      rooms.map((room) => announcePresence(api, room, user, connectionId, 'offline')),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed) logger.warn('departure announcements failed', { connectionId, failed });
  }
  return { statusCode: 200, body: '' };
}

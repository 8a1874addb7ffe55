import type { APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '../../log.js';
import { connectionsApi, connectionsEndpoint } from '../../push/connections-api.js';
import { announcePresence, SIGNALS_MAX_CONNECTIONS } from '../../push/presence.js';
import { removeConnection } from '../../store/connections.js';
import { readRoomState } from '../../store/rooms.js';
import { instrument } from '../instrument.js';

interface DisconnectEvent {
  requestContext: { connectionId: string; domainName?: string; stage?: string };
}

/** `$disconnect`: forgets the connection and its subscriptions, and announces departures. */
export const handler = instrument(async (event: DisconnectEvent): Promise<APIGatewayProxyResult> => {
  const { connectionId, domainName, stage } = event.requestContext;
  const { user, rooms } = await removeConnection(connectionId);
  if (user && rooms.length) {
    const api = connectionsApi(connectionsEndpoint(domainName, stage));
    const results = await Promise.allSettled(
      rooms.map(async (room) => {
        const state = await readRoomState(room, SIGNALS_MAX_CONNECTIONS);
        await announcePresence(api, state, room, user, connectionId, 'offline');
      }),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed) logger.warn('departure announcements failed', { connectionId, failed });
  }
  return { statusCode: 200, body: '' };
});

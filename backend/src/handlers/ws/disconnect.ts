import type { APIGatewayProxyResult } from 'aws-lambda';
import { config } from '../../config.js';
import { logger } from '../../log.js';
import { connectionsEndpoint } from '../../push/connections-api.js';
import { announceDeparture } from '../../push/presence.js';
import { type Departure, departuresDeferred, scheduleDeparture } from '../../queue/departures.js';
import { departConnection, removeConnection } from '../../store/connections.js';
import { instrument } from '../instrument.js';

interface DisconnectEvent {
  requestContext: { connectionId: string; domainName?: string; stage?: string };
}

// A departing subscription counts as presence this long past the grace period at most, in case the
// queued departure is late (SQS retries) or lost; handlers/departures.ts normally removes it first.
const LINGER_MARGIN_MS = 120_000;

/**
 * `$disconnect`: forgets the connection. With a presence grace period its subscriptions stay in their
 * rooms as departing and the departure is queued for later (handlers/departures.ts), so a client
 * that comes straight back (a network blip, a reconnect storm, a tab handing its connection to
 * another) costs its rooms no offline/online announcements and the reconnect no fan-out. Without one,
 * or when the queue cannot take it, the departure is announced at once.
 */
export const handler = instrument(async (event: DisconnectEvent): Promise<APIGatewayProxyResult> => {
  const { connectionId, domainName, stage } = event.requestContext;
  const endpoint = connectionsEndpoint(domainName, stage);
  const deferred = departuresDeferred();
  const { user, rooms } = deferred
    ? await departConnection(connectionId, config.presenceGraceSeconds * 1000 + LINGER_MARGIN_MS)
    : await removeConnection(connectionId);
  if (!user || !rooms.length) return done;
  const departure: Departure = { connectionId, user, rooms, endpoint };
  if (deferred) {
    try {
      await scheduleDeparture(departure);
      return done;
    } catch (error) {
      logger.warn('departure not queued: announced at once', { connectionId, error });
    }
  }
  try {
    await announceDeparture(departure, !deferred);
  } catch (error) {
    logger.warn('departure announcements failed', { connectionId, error });
  }
  return done;
});

const done: APIGatewayProxyResult = { statusCode: 200, body: '' };

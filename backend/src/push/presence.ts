import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { Identity } from '../auth/identity.js';
import { isOnlineElsewhere } from '../store/connections.js';
import { fanOut } from './fanout.js';

/**
 * Tells a room that `user` came online there (their first connection joined) or went offline (their
 * last one left). Whether another of their connections is in the room comes from the by-user index,
 * which is small per user, rather than from the room's subscriptions, which grow with the room.
 */
export async function announcePresence(
  api: ApiGatewayManagementApiClient,
  room: string,
  user: Identity,
  connectionId: string,
  status: 'online' | 'offline',
): Promise<void> {
  if (await isOnlineElsewhere(user.id, room, connectionId)) return;
  await fanOut(api, room, { type: 'presence', room, user, status }, connectionId);
}

import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { Identity } from '../auth/identity.js';
import { isOnlineElsewhere } from '../store/connections.js';
import { fanOut } from './fanout.js';

/**
 * Tells a room that `user` went offline there, unless another of their connections (found through
 * the by-user index) is still in the room.
 */
export async function announceDeparture(
  api: ApiGatewayManagementApiClient,
  room: string,
  user: Identity,
  connectionId: string,
): Promise<void> {
  if (await isOnlineElsewhere(user.id, room, connectionId)) return;
  await fanOut(api, room, { type: 'presence', room, user, status: 'offline' }, connectionId);
}

/** Tells a room that `user` came online there, unless they already were on another connection. */
export async function announceArrival(
  api: ApiGatewayManagementApiClient,
  room: string,
  user: Identity,
  connectionId: string,
): Promise<void> {
  if (await isOnlineElsewhere(user.id, room, connectionId)) return;
  await fanOut(api, room, { type: 'presence', room, user, status: 'online' }, connectionId);
}

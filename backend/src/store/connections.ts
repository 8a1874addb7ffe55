import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../auth/identity.js';
import { db, table } from './client.js';
import { epochSeconds, keys } from './keys.js';

// API Gateway closes every WebSocket after 2 hours; records outliving that are garbage.
const CONNECTION_TTL_MS = 3 * 60 * 60 * 1000;

/** Records a new live connection and who owns it (indexed by user for presence). */
export async function putConnection(connectionId: string, identity: Identity, now = Date.now()) {
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        pk: keys.connection(connectionId),
        sk: keys.connectionMeta,
        gsi1pk: keys.user(identity.id),
        gsi1sk: keys.connection(connectionId),
        connectionId,
        user: identity,
        connectedAt: now,
        ttl: epochSeconds(now + CONNECTION_TTL_MS),
      },
    }),
  );
}

/** Subscribes a connection to a room's live messages and remembers the room on the connection. */
export async function addSubscription(
  room: string,
  connectionId: string,
  identity: Identity,
  now = Date.now(),
) {
  const ttl = epochSeconds(now + CONNECTION_TTL_MS);
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        pk: keys.room(room),
        sk: keys.subscription(connectionId),
        connectionId,
        userId: identity.id,
        ttl,
      },
    }),
  );
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: keys.connection(connectionId), sk: keys.connectionMeta },
      UpdateExpression: 'ADD rooms :room',
      ExpressionAttributeValues: { ':room': new Set([room]) },
    }),
  );
}

/** The connection ids subscribed to a room, skipping expired records. */
export async function listSubscribers(room: string, now = Date.now()): Promise<string[]> {
  const ids: string[] = [];
  const nowSeconds = epochSeconds(now);
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sub)',
        ExpressionAttributeValues: { ':pk': keys.room(room), ':sub': keys.subscriptionPrefix },
        ProjectionExpression: 'connectionId, #ttl',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (typeof item.ttl !== 'number' || item.ttl > nowSeconds) ids.push(item.connectionId as string);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

/** Removes one room subscription of a connection. */
export async function removeSubscription(room: string, connectionId: string) {
  await db.send(
    new DeleteCommand({
      TableName: table,
      Key: { pk: keys.room(room), sk: keys.subscription(connectionId) },
    }),
  );
}

/** Removes a connection and all its subscriptions (on disconnect or 410 Gone). */
export async function removeConnection(connectionId: string) {
  const key = { pk: keys.connection(connectionId), sk: keys.connectionMeta };
  const found = await db.send(new GetCommand({ TableName: table, Key: key, ProjectionExpression: 'rooms' }));
  const rooms = (found.Item?.rooms as Set<string> | undefined) ?? new Set<string>();
  await Promise.all([...rooms].map((room) => removeSubscription(room, connectionId)));
  await db.send(new DeleteCommand({ TableName: table, Key: key }));
}

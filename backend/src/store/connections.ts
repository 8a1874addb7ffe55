import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Identity } from '../auth/identity.js';
import { ChatError } from '../errors.js';
import { db, table } from './client.js';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from './document-client.js';
import { epochSeconds, keys } from './keys.js';

// API Gateway closes every WebSocket after 2 hours; records outliving that are garbage.
const CONNECTION_TTL_MS = 3 * 60 * 60 * 1000;

/** A live connection of a user and the rooms it joined. */
export interface UserConnection {
  connectionId: string;
  user: Identity;
  rooms: Set<string>;
}

/**
 * Records a new live connection and who owns it (indexed by user for presence), and the network it
 * comes from (a guest's ban takes its network along; issue 13).
 */
export async function putConnection(
  connectionId: string,
  identity: Identity,
  now = Date.now(),
  network?: string,
) {
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
        ...(network ? { network } : {}),
      },
    }),
  );
}

/**
 * Records `room` on the connection, refusing atomically when it already holds `maxRooms` others.
 * Returns whether the room is new to this connection.
 */
export async function reserveRoom(connectionId: string, room: string, maxRooms: number): Promise<boolean> {
  try {
    const result = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.connection(connectionId), sk: keys.connectionMeta },
        UpdateExpression: 'ADD rooms :room',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(rooms) OR size(rooms) < :max OR contains(rooms, :name))',
        ExpressionAttributeValues: { ':room': new Set([room]), ':max': maxRooms, ':name': room },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    const before = result.Attributes?.rooms as Set<string> | undefined;
    return !before?.has(room);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw new ChatError('forbidden', `a connection may join at most ${maxRooms} rooms; leave one first`);
  }
}

/** Forgets `room` on the connection. */
export async function releaseRoom(connectionId: string, room: string) {
  await db
    .send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.connection(connectionId), sk: keys.connectionMeta },
        UpdateExpression: 'DELETE rooms :room',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':room': new Set([room]) },
      }),
    )
    .catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
}

/** Subscribes a connection to a room's live messages; returns whether it was not subscribed already. */
export async function putSubscription(
  room: string,
  connectionId: string,
  user: Identity,
  now = Date.now(),
): Promise<boolean> {
  const result = await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        pk: keys.room(room),
        sk: keys.subscription(connectionId),
        connectionId,
        user,
        ttl: epochSeconds(now + CONNECTION_TTL_MS),
      },
      ReturnValues: 'ALL_OLD',
    }),
  );
  return result.Attributes === undefined;
}

/** A user's live connections and their rooms, through the by-user index. */
export async function listUserConnections(userId: string): Promise<UserConnection[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :user',
      ExpressionAttributeValues: { ':user': keys.user(userId) },
      ProjectionExpression: 'connectionId, rooms, #u',
      ExpressionAttributeNames: { '#u': 'user' },
    }),
  );
  return (result.Items ?? []).map((item) => ({
    connectionId: item.connectionId as string,
    user: item.user as Identity,
    rooms: (item.rooms as Set<string> | undefined) ?? new Set<string>(),
  }));
}

/** Removes one room subscription of a connection; returns whether there was one. */
export async function removeSubscription(room: string, connectionId: string): Promise<boolean> {
  const result = await db.send(
    new DeleteCommand({
      TableName: table,
      Key: { pk: keys.room(room), sk: keys.subscription(connectionId) },
      ReturnValues: 'ALL_OLD',
    }),
  );
  return result.Attributes !== undefined;
}

/**
 * Removes a connection and all its subscriptions; returns who it was and the rooms it was still
 * subscribed to (a room it had left, or was removed from, is not among them).
 */
export async function removeConnection(connectionId: string): Promise<{ user?: Identity; rooms: string[] }> {
  return forgetConnection(connectionId, (room) => removeSubscription(room, connectionId));
}

/**
 * Removes a connection whose socket closed, but leaves its subscriptions in their rooms as departing
 * (`goneAt`) for `lingerMs`: nothing is posted to them, yet the user still counts as present, so a
 * reconnect within the presence grace period announces neither a departure nor a return
 * (handlers/departures.ts settles them after it). Returns who it was and the rooms it was still
 * subscribed to. A subscription already removed (left, or the user removed) is not brought back.
 */
export async function departConnection(
  connectionId: string,
  lingerMs: number,
  now = Date.now(),
): Promise<{ user?: Identity; rooms: string[] }> {
  return forgetConnection(connectionId, (room) => markDeparting(room, connectionId, lingerMs, now));
}

/**
 * Deletes a connection's record and ends its subscription in each room it had joined with `endIn`
 * (which says whether there was one to end); returns who it was and the rooms where there was.
 */
async function forgetConnection(
  connectionId: string,
  endIn: (room: string) => Promise<boolean>,
): Promise<{ user?: Identity; rooms: string[] }> {
  const key = { pk: keys.connection(connectionId), sk: keys.connectionMeta };
  const found = await db.send(new DeleteCommand({ TableName: table, Key: key, ReturnValues: 'ALL_OLD' }));
  const joined = [...((found.Attributes?.rooms as Set<string> | undefined) ?? [])];
  const ended = await Promise.all(joined.map(endIn));
  const rooms = joined.filter((_, i) => ended[i]);
  const user = found.Attributes?.user as Identity | undefined;
  return user ? { user, rooms } : { rooms };
}

/** Marks one subscription as departing (see departConnection); returns whether it was there. */
async function markDeparting(room: string, connectionId: string, lingerMs: number, now: number) {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.room(room), sk: keys.subscription(connectionId) },
        UpdateExpression: 'SET goneAt = :now, #ttl = :ttl',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        // Readers skip it once expired (dynalite has no TTL, and AWS deletes expired items late), so
        // a departure whose settling never ran stops counting as presence shortly after the grace.
        ExpressionAttributeValues: { ':now': now, ':ttl': epochSeconds(now + lingerMs) },
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return false;
  }
}

/**
 * How many live connections an identity holds besides `exceptConnectionId` (through the by-user
 * index). Leaving one out by id keeps the count the same whether or not that connection's own record
 * is already in the index, so it can be read at the same time as the record is written.
 */
export async function countOtherConnections(userId: string, exceptConnectionId: string): Promise<number> {
  const result = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :user',
      FilterExpression: 'connectionId <> :self',
      ExpressionAttributeValues: { ':user': keys.user(userId), ':self': exceptConnectionId },
      Select: 'COUNT',
    }),
  );
  return result.Count ?? 0;
}

/**
 * Marks the connection as typing in `room` unless it did so less than `throttleMs` ago.
 * Returns 'relay', 'throttled', or 'not_joined' when the connection has no subscription there.
 */
export async function markTyping(
  room: string,
  connectionId: string,
  throttleMs: number,
  now = Date.now(),
): Promise<'relay' | 'throttled' | 'not_joined'> {
  const key = { pk: keys.room(room), sk: keys.subscription(connectionId) };
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET typingAt = :now',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(typingAt) OR typingAt < :cutoff)',
        ExpressionAttributeValues: { ':now': now, ':cutoff': now - throttleMs },
      }),
    );
    return 'relay';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: key, ProjectionExpression: 'pk' }));
  return Item ? 'throttled' : 'not_joined';
}

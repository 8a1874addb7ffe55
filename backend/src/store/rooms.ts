import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RoomAccess, RoomMeta } from '../chat/rooms.js';
import { ChatError } from '../errors.js';
import { db, table } from './client.js';
import { keys } from './keys.js';

// Visibility never changes once a room is created, so an instance may remember it for a while;
// it saves one read on every send to a busy room.
const META_CACHE_MS = 60_000;
const metaCache = new Map<string, { meta: RoomMeta; until: number }>();

/** A room's settings, or undefined for a room nobody created (an implicit public room). */
export async function getRoomMeta(room: string, now = Date.now()): Promise<RoomMeta | undefined> {
  const cached = metaCache.get(room);
  if (cached && cached.until > now) return cached.meta;
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: { pk: keys.room(room), sk: keys.roomMeta } }),
  );
  if (!Item) return undefined;
  const meta: RoomMeta = {
    id: room,
    visibility: Item.visibility,
    owner: Item.owner,
    createdAt: Item.createdAt,
    ...(Item.title ? { title: Item.title } : {}),
  };
  metaCache.set(room, { meta, until: now + META_CACHE_MS });
  return meta;
}

/** Whether a user is a member of a room. */
export async function isMember(room: string, userId: string): Promise<boolean> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: table,
      Key: { pk: keys.room(room), sk: keys.member(userId) },
      ProjectionExpression: 'pk',
    }),
  );
  return Item !== undefined;
}

/** Everything an access decision about `userId` in `room` needs; membership is read only for private rooms. */
export async function loadRoomAccess(room: string, userId: string): Promise<RoomAccess> {
  const meta = await getRoomMeta(room);
  const member = meta?.visibility === 'private' ? await isMember(room, userId) : false;
  return { meta, isMember: member };
}

/**
 * Creates a room. Refused when it exists already, or when it was used as an implicit public room
 * (it has messages): making such a room private would hide its history from its readers.
 */
export async function createRoom(meta: RoomMeta): Promise<void> {
  const used = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
      ExpressionAttributeValues: { ':pk': keys.room(meta.id), ':msg': keys.messageFloor },
      Limit: 1,
      ProjectionExpression: 'pk',
    }),
  );
  if (used.Items?.length)
    throw new ChatError('forbidden', `room ${meta.id} is already in use as a public room`);
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { pk: keys.room(meta.id), sk: keys.roomMeta, ...meta },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException)
      throw new ChatError('forbidden', `room ${meta.id} exists`);
    throw error;
  }
}

/** Adds a member to a room (idempotent). */
export async function addMember(
  room: string,
  userId: string,
  addedBy: string,
  now = Date.now(),
): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: table,
      Item: { pk: keys.room(room), sk: keys.member(userId), userId, addedBy, addedAt: now },
    }),
  );
}

/** Removes a member from a room (idempotent). */
export async function removeMember(room: string, userId: string): Promise<void> {
  await db.send(
    new DeleteCommand({ TableName: table, Key: { pk: keys.room(room), sk: keys.member(userId) } }),
  );
}

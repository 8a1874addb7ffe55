import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Identity } from '../auth/identity.js';
import { noRestrictions, type Restriction, type RoomRestrictions } from '../chat/moderation-rules.js';
import type { StoredRoomSettings } from '../chat/moderation-settings.js';
import type { MemberRole, RoomMeta } from '../chat/rooms.js';
import { ChatError } from '../errors.js';
import { db, table } from './client.js';
import {
  BatchGetCommand,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from './document-client.js';
import { epochSeconds, keys } from './keys.js';
import { restrictionOf, storedSettingsOf, takeRestriction } from './moderation.js';

/** A room's settings (when created) and where its position counter stands. */
export interface RoomRecord {
  meta: RoomMeta | undefined;
  /** The highest position allocated so far (0 for a room with no message). */
  latest: number;
  /** When `latest` was allocated (ms), 0 if never. */
  latestAt: number;
  /** The moderation settings its moderators set (issue 13); the stage's defaults fill the rest. */
  settings: StoredRoomSettings;
  /**
   * The room has (or had) a moderator, a ban or a mute of its own: a send must read its state before
   * storing. Without, the read runs beside the write (one round trip less per message).
   */
  moderated: boolean;
}

/** One connection's subscription to a room, with who owns the connection. */
export interface Subscription {
  connectionId: string;
  user: Identity;
}

/** Everything a delivery decision needs, read in one query. */
export interface RoomState extends RoomRecord {
  /** Members of the room and their roles (private rooms' members; moderators of any room). */
  members: Map<string, MemberRole>;
  subscriptions: Subscription[];
  /**
   * Subscriptions of connections that closed less than the presence grace period ago
   * (store/connections.ts departConnection): never posted to, but their users still count as present.
   */
  departing: Subscription[];
  /** False when the read stopped at `maxSubscriptions`: `subscriptions` is only the first part. */
  complete: boolean;
  /** Bans and mutes in force in the room (issue 13). */
  restrictions: RoomRestrictions;
}

/** What allocating a position must check atomically. */
export interface AllocationRules {
  /** The room must have been created (its name is not open to implicit use). */
  mustExist: boolean;
  /** The writer is a guest: a private room refuses it before a position is spent. */
  guest: boolean;
}

/** A newly allocated position and the room as it stood right after. */
export interface Allocation extends RoomRecord {
  seq: number;
}

/**
 * Allocates the next position of a room: one atomic counter update on the room's settings item, which
 * also returns the settings, so a send reads nothing else about the room. Refused (nothing spent)
 * when the rules fail: `not_found` for a room that must exist, `forbidden` for a guest in a private room.
 */
export async function allocatePosition(
  room: string,
  rules: AllocationRules,
  now = Date.now(),
): Promise<Allocation> {
  const conditions: string[] = [];
  if (rules.mustExist) conditions.push('attribute_exists(visibility)');
  if (rules.guest) conditions.push('(attribute_not_exists(visibility) OR visibility <> :private)');
  try {
    const result = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.room(room), sk: keys.roomMeta },
        UpdateExpression: 'ADD lastSeq :one SET lastSeqAt = :now',
        ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
        ExpressionAttributeValues: {
          ':one': 1,
          ':now': now,
          ...(rules.guest ? { ':private': 'private' } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const record = toRecord(room, result.Attributes);
    return { ...record, seq: record.latest };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { meta } = await readRoom(room);
    if (!meta) throw new ChatError('not_found', `room ${room} does not exist`);
    throw new ChatError('forbidden', `guests cannot use private room ${room}`);
  }
}

/** A room's settings and counter, strongly consistent. */
export async function readRoom(room: string): Promise<RoomRecord> {
  const { record } = await readRoomAndMember(room, undefined);
  return record;
}

/** A room's settings and counter plus one user's membership, in one strongly consistent read. */
export async function readRoomAndMember(
  room: string,
  userId: string | undefined,
  network?: string,
): Promise<{ record: RoomRecord; role: MemberRole | undefined; bans: Restriction[] }> {
  const pk = keys.room(room);
  const wanted: { pk: string; sk: string }[] = [{ pk, sk: keys.roomMeta }];
  // The same read also finds the user's ban, and a guest's network's (issue 13).
  if (userId) wanted.push({ pk, sk: keys.member(userId) }, { pk, sk: keys.ban(userId) });
  if (network) wanted.push({ pk, sk: keys.networkBan(network) });
  const result = await db.send(
    new BatchGetCommand({ RequestItems: { [table]: { Keys: wanted, ConsistentRead: true } } }),
  );
  const items = result.Responses?.[table] ?? [];
  const metaItem = items.find((item) => item.sk === keys.roomMeta);
  const memberItem = items.find(
    (item) => typeof item.sk === 'string' && item.sk.startsWith(keys.memberPrefix),
  );
  const nowSeconds = epochSeconds(Date.now());
  const bans = items
    .filter((item) => typeof item.sk === 'string' && item.sk.startsWith(keys.banPrefix))
    .filter((item) => !(typeof item.ttl === 'number' && item.ttl <= nowSeconds))
    .map(restrictionOf)
    .filter((ban): ban is Restriction => ban !== undefined);
  return { record: toRecord(room, metaItem), role: memberItem?.role as MemberRole | undefined, bans };
}

/**
 * Reads a room's settings, members and live subscriptions in one strongly consistent query (paged
 * only past 1 MB). Strong consistency is what makes delivery gap-free: a joiner writes its
 * subscription before reading the counter, a sender allocates before reading the subscriptions, so
 * one of the two always sees the other.
 */
export async function readRoomState(
  room: string,
  maxSubscriptions = Number.POSITIVE_INFINITY,
  now = Date.now(),
): Promise<RoomState> {
  const state: RoomState = {
    meta: undefined,
    latest: 0,
    latestAt: 0,
    settings: {},
    moderated: false,
    members: new Map(),
    subscriptions: [],
    departing: [],
    complete: true,
    restrictions: noRestrictions(),
  };
  const nowSeconds = epochSeconds(now);
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :state)',
        ExpressionAttributeValues: { ':pk': keys.room(room), ':state': keys.roomStatePrefix },
        ConsistentRead: true,
        ExclusiveStartKey: start,
        // Members and settings sort before subscriptions; a capped read needs a little more than the cap.
        ...(Number.isFinite(maxSubscriptions) ? { Limit: maxSubscriptions + 100 } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const sk = item.sk as string;
      if (sk === keys.roomMeta) Object.assign(state, toRecord(room, item));
      else if (sk.startsWith(keys.memberPrefix))
        state.members.set(item.userId as string, item.role as MemberRole);
      else if (sk.startsWith(keys.subscriptionPrefix)) {
        if (typeof item.ttl === 'number' && item.ttl <= nowSeconds) continue;
        const subscription = { connectionId: item.connectionId as string, user: item.user as Identity };
        (item.goneAt === undefined ? state.subscriptions : state.departing).push(subscription);
      } else takeRestriction(state.restrictions, item, nowSeconds);
    }
    start = page.LastEvaluatedKey;
    if (start && state.subscriptions.length >= maxSubscriptions) state.complete = false;
  } while (start && state.complete);
  return state;
}

/** What `createRoom` did: made the room, or found it made by the same request before (a retry). */
export type CreateOutcome = 'created' | 'existed';

/**
 * Creates a room's settings. Refused with `conflict` when the room exists with other settings or
 * another owner, or when a private room is asked for a name already used as an open public room
 * (its readers would lose its history). The same creator asking again for the same settings (a
 * retry after a lost answer) succeeds.
 */
export async function createRoom(meta: RoomMeta): Promise<CreateOutcome> {
  const conditions = ['attribute_not_exists(visibility)'];
  if (meta.visibility === 'private') conditions.push('(attribute_not_exists(lastSeq) OR lastSeq = :zero)');
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.room(meta.id), sk: keys.roomMeta },
        UpdateExpression: `SET visibility = :visibility, #owner = :owner, createdAt = :createdAt${meta.title ? ', title = :title' : ''}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':visibility': meta.visibility,
          ':owner': meta.owner,
          ':createdAt': meta.createdAt,
          ...(meta.title ? { ':title': meta.title } : {}),
          ...(meta.visibility === 'private' ? { ':zero': 0 } : {}),
        },
      }),
    );
    return 'created';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const { meta: existing } = await readRoom(meta.id);
  if (
    existing &&
    existing.owner === meta.owner &&
    existing.visibility === meta.visibility &&
    existing.title === meta.title
  ) {
    return 'existed';
  }
  throw new ChatError(
    'conflict',
    existing ? `room ${meta.id} exists` : `room ${meta.id} is already in use as an open public room`,
  );
}

/** Adds a member (or changes their role); idempotent. */
export async function putMember(
  room: string,
  userId: string,
  role: MemberRole,
  addedBy: string,
  now = Date.now(),
) {
  const put = db.send(
    new PutCommand({
      TableName: table,
      Item: { pk: keys.room(room), sk: keys.member(userId), userId, role, addedBy, addedAt: now },
    }),
  );
  await Promise.all([put, role === 'moderator' ? markModerated(room) : undefined]);
}

/** Removes a member; returns whether they were one. */
export async function deleteMember(room: string, userId: string): Promise<boolean> {
  const result = await db.send(
    new DeleteCommand({
      TableName: table,
      Key: { pk: keys.room(room), sk: keys.member(userId) },
      ReturnValues: 'ALL_OLD',
    }),
  );
  return result.Attributes !== undefined;
}

function toRecord(room: string, item: Record<string, unknown> | undefined): RoomRecord {
  const latest = typeof item?.lastSeq === 'number' ? item.lastSeq : 0;
  const latestAt = typeof item?.lastSeqAt === 'number' ? item.lastSeqAt : 0;
  const settings = storedSettingsOf(item);
  const moderated = item?.moderated === true;
  if (!item?.visibility) return { meta: undefined, latest, latestAt, settings, moderated };
  const meta: RoomMeta = {
    id: room,
    visibility: item.visibility as RoomMeta['visibility'],
    owner: item.owner as string,
    createdAt: item.createdAt as number,
    ...(item.title ? { title: item.title as string } : {}),
  };
  return { meta, latest, latestAt, settings, moderated };
}

/**
 * Marks a room as moderated (a moderator, ban or mute of its own was recorded): from then on its sends
 * read its state before storing (see RoomRecord.moderated). Never unmarked: it costs only that.
 */
export async function markModerated(room: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: keys.room(room), sk: keys.roomMeta },
      UpdateExpression: 'SET moderated = :yes',
      ExpressionAttributeValues: { ':yes': true },
    }),
  );
}

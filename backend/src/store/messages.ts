import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ChatMessage } from '@org/chat-sdk/protocol';
import type { PositionRow } from '../chat/pages.js';
import { ChatError } from '../errors.js';
import { db, table } from './client.js';
import { GetCommand, PutCommand, QueryCommand } from './document-client.js';
import { BY_SEQ, epochSeconds, keys } from './keys.js';

/** The message a send stored, or found stored by an earlier send with the same client id. */
export interface StoredMessage {
  message: ChatMessage;
  /** An earlier send with the same sender and client id stored it: `message` is that one. */
  duplicate: boolean;
  /** Stored shadowed: only its author sees it (a shadow-muted sender; issue 13). */
  shadow?: boolean;
}

/**
 * Stores a message once per (sender, client id): the item's key is made of both, so one conditional
 * put is the message and its idempotency record. A put refused because the key exists is either a
 * retry by the client (another send stored it: a duplicate) or the AWS SDK retrying this very put
 * after its answer was lost (the item found is ours: not a duplicate).
 */
export async function putMessage(
  message: ChatMessage,
  retentionDays: number,
  options: { shadow?: boolean } = {},
): Promise<StoredMessage> {
  const key = { pk: keys.room(message.room), sk: keys.message(message.sender.id, message.clientId) };
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...key,
          ...message,
          ttl: retentionTtl(message.ts, retentionDays),
          ...(options.shadow ? { shadow: true } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return options.shadow ? { message, duplicate: false, shadow: true } : { message, duplicate: false };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const found = error.Item ? unmarshall(error.Item) : await readItem(key);
    if (!found) throw new ChatError('internal', 'a stored message vanished');
    const original = toMessage(found);
    const duplicate = original.id !== message.id;
    return found.shadow === true
      ? { message: original, duplicate, shadow: true }
      : { message: original, duplicate };
  }
}

/** Marks a position as skipped (its send failed half-way, or was a retry), so readers know it is settled. */
export async function putSkipped(room: string, seq: number, now: number, retentionDays: number) {
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        pk: keys.room(room),
        sk: keys.skipped(seq),
        seq,
        ts: now,
        ttl: retentionTtl(now, retentionDays),
      },
    }),
  );
}

/** Rows read from the position index and whether the store holds more beyond them. */
export interface PositionRead {
  rows: PositionRow[];
  more: boolean;
}

/**
 * Reads positions after `after` (up to `until` when given), oldest first, strongly consistent: a
 * message acked before the read began is in it.
 */
export async function readAfter(
  room: string,
  after: number,
  limit: number,
  until?: number,
  now = Date.now(),
): Promise<PositionRead> {
  const range = until === undefined ? 'seq > :after' : 'seq BETWEEN :low AND :until';
  const values =
    until === undefined ? { ':after': after } : { ':low': after + 1, ':until': Math.max(until, after + 1) };
  return readPositions(
    {
      KeyConditionExpression: `pk = :pk AND ${range}`,
      ExpressionAttributeValues: { ':pk': keys.room(room), ...values },
      ScanIndexForward: true,
      Limit: limit,
    },
    now,
  );
}

/** Reads positions before `before` (or the newest), newest first, strongly consistent. */
export async function readBefore(
  room: string,
  before: number | undefined,
  limit: number,
  now = Date.now(),
): Promise<PositionRead> {
  const range = before === undefined ? '' : ' AND seq < :before';
  return readPositions(
    {
      KeyConditionExpression: `pk = :pk${range}`,
      ExpressionAttributeValues: {
        ':pk': keys.room(room),
        ...(before === undefined ? {} : { ':before': before }),
      },
      ScanIndexForward: false,
      Limit: limit,
    },
    now,
  );
}

async function readPositions(
  query: Pick<
    ConstructorParameters<typeof QueryCommand>[0],
    'KeyConditionExpression' | 'ExpressionAttributeValues' | 'ScanIndexForward' | 'Limit'
  >,
  now: number,
): Promise<PositionRead> {
  const result = await db.send(
    new QueryCommand({ TableName: table, IndexName: BY_SEQ, ConsistentRead: true, ...query }),
  );
  const nowSeconds = epochSeconds(now);
  const rows = (result.Items ?? []).map((item): PositionRow => {
    const expired = typeof item.ttl === 'number' && item.ttl <= nowSeconds;
    const base = { seq: item.seq as number, ts: item.ts as number };
    if (typeof item.sk === 'string' && item.sk.startsWith('M#')) {
      const row: PositionRow = expired
        ? { ...base, expired, message: toMessage(item) }
        : { ...base, message: toMessage(item) };
      // A shadowed message is a message for its author only (chat/moderation-pages.ts).
      if (item.shadow === true) row.shadowOf = (item.sender as { id: string }).id;
      return row;
    }
    return base;
  });
  return { rows, more: result.LastEvaluatedKey !== undefined };
}

/** The message a sender stored with a client id, if any (strongly consistent). */
export async function readStoredMessage(
  room: string,
  senderId: string,
  clientId: string,
): Promise<ChatMessage | undefined> {
  const item = await readItem({ pk: keys.room(room), sk: keys.message(senderId, clientId) });
  return item ? toMessage(item) : undefined;
}

async function readItem(key: { pk: string; sk: string }) {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return Item;
}

function retentionTtl(ts: number, retentionDays: number): number | undefined {
  return retentionDays > 0 ? epochSeconds(ts + retentionDays * 86_400_000) : undefined;
}

/** The protocol's view of a stored message item. */
export function toMessage(item: Record<string, unknown>): ChatMessage {
  const { id, seq, clientId, room, text, ts, sender, editedAt, deleted } = item as unknown as ChatMessage;
  const message: ChatMessage = { id, seq, clientId, room, text, ts, sender };
  if (editedAt !== undefined) message.editedAt = editedAt;
  if (deleted) message.deleted = true;
  return message;
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ChatMessage } from '@org/chat-sdk/protocol';
import { ChatError } from '../errors.js';
import { db, table } from './client.js';
import { epochSeconds, keys } from './keys.js';

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** The stored message and whether an earlier send with the same client id had stored it already. */
export interface StoredMessage {
  message: ChatMessage;
  duplicate: boolean;
}

/**
 * Stores a message once per (sender, client id). The idempotency record is written first with a
 * condition, and holds the whole message, so a retry finds the original even if the first attempt
 * died before writing the message item; the retry then writes that item (same key, same content).
 */
export async function putMessageOnce(
  message: ChatMessage,
  retentionDays = 0,
  now = Date.now(),
): Promise<StoredMessage> {
  const ttl = retentionDays > 0 ? epochSeconds(message.ts + retentionDays * 86_400_000) : undefined;
  const pk = keys.room(message.room);
  const sk = keys.clientId(message.sender.id, message.clientId);
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { pk, sk, message, ttl: epochSeconds(now + IDEMPOTENCY_TTL_MS) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    await writeMessageItem(message, ttl);
    return { message, duplicate: false };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const earlier = await db.send(new GetCommand({ TableName: table, Key: { pk, sk }, ConsistentRead: true }));
  const original = earlier.Item?.message as ChatMessage | undefined;
  if (!original) throw new ChatError('internal', 'idempotency record vanished');
  await writeMessageItem(original, ttl);
  return { message: original, duplicate: true };
}

function writeMessageItem(message: ChatMessage, ttl: number | undefined) {
  return db.send(
    new PutCommand({
      TableName: table,
      Item: { pk: keys.room(message.room), sk: keys.message(message.id), ...message, ttl },
    }),
  );
}

/** Which page of a room's messages to read. */
export interface PageQuery {
  limit: number;
  before?: string | undefined;
  after?: string | undefined;
}

/** A page of messages, oldest first, and whether more lie beyond it in the direction read. */
export interface MessagePage {
  messages: ChatMessage[];
  hasMore: boolean;
}

/**
 * Reads a page of a room's messages: with `after`, the oldest ones newer than it (resume);
 * otherwise the newest ones older than `before` (scrolling back). Expired items are skipped:
 * dynalite has no TTL and AWS deletes late.
 */
export async function listMessages(room: string, query: PageQuery, now = Date.now()): Promise<MessagePage> {
  const forward = query.after !== undefined;
  const low = query.after ? keys.message(query.after) : keys.messageFloor;
  const high = query.before ? keys.message(query.before) : keys.messageCeiling;
  // BETWEEN is inclusive, so ask for one extra to drop the bound itself, and one more to learn hasMore.
  const result = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
      ExpressionAttributeValues: { ':pk': keys.room(room), ':low': low, ':high': high },
      ScanIndexForward: forward,
      Limit: query.limit + 2,
    }),
  );
  const nowSeconds = epochSeconds(now);
  const items = (result.Items ?? []).filter(
    (item) =>
      item.id !== query.after &&
      item.id !== query.before &&
      (typeof item.ttl !== 'number' || item.ttl > nowSeconds),
  );
  const hasMore = items.length > query.limit || (items.length === query.limit && !!result.LastEvaluatedKey);
  const page = items.slice(0, query.limit).map(toMessage);
  if (!forward) page.reverse();
  return { messages: page, hasMore };
}

function toMessage(item: Record<string, unknown>): ChatMessage {
  const { id, clientId, room, text, ts, sender } = item as unknown as ChatMessage;
  return { id, clientId, room, text, ts, sender };
}

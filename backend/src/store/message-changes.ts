import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ChatMessage } from '@org/chat-sdk/protocol';
import { ChatError } from '../errors.js';
import { db, table } from './client.js';
import { QueryCommand, UpdateCommand } from './document-client.js';
import { BY_SEQ, epochSeconds, keys } from './keys.js';
import { toMessage } from './messages.js';

/** A stored message found by its position, with what the protocol does not show. */
export interface PositionedMessage {
  message: ChatMessage;
  /** Shown to its author only. */
  shadow: boolean;
  key: { pk: string; sk: string };
}

/**
 * The message at a position of a room (strongly consistent), or undefined when the position is empty,
 * skipped or expired.
 */
export async function readMessageAt(
  room: string,
  seq: number,
  now = Date.now(),
): Promise<PositionedMessage | undefined> {
  const result = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: BY_SEQ,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND seq = :seq',
      ExpressionAttributeValues: { ':pk': keys.room(room), ':seq': seq },
    }),
  );
  const item = (result.Items ?? []).find((i) => typeof i.sk === 'string' && i.sk.startsWith('M#'));
  if (!item || (typeof item.ttl === 'number' && item.ttl <= epochSeconds(now))) return undefined;
  return { message: toMessage(item), shadow: item.shadow === true, key: { pk: item.pk, sk: item.sk } };
}

/**
 * Replaces a message's text in place (it keeps its id and position) and marks it edited. Only its
 * author's edit of a message not deleted meanwhile goes through: otherwise `forbidden`.
 */
export async function editMessageText(
  found: PositionedMessage,
  text: string,
  authorId: string,
  now = Date.now(),
): Promise<ChatMessage> {
  try {
    const result = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: found.key,
        UpdateExpression: 'SET #text = :text, editedAt = :now',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(deleted) AND #sender.#id = :author',
        ExpressionAttributeNames: { '#text': 'text', '#sender': 'sender', '#id': 'id' },
        ExpressionAttributeValues: { ':text': text, ':now': now, ':author': authorId },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toMessage(result.Attributes ?? {});
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw new ChatError('forbidden', 'the message was deleted, or is not yours');
  }
}

/**
 * Turns a message into a tombstone in place: its position stays, its text goes (empty), and who
 * deleted it when is kept on the item. Deleting a tombstone again changes nothing.
 */
export async function tombstoneMessage(
  found: PositionedMessage,
  deletedBy: string,
  now = Date.now(),
): Promise<ChatMessage> {
  try {
    const result = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: found.key,
        UpdateExpression: 'SET deleted = :true, deletedAt = :now, deletedBy = :by, #text = :empty',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deleted)',
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: { ':true': true, ':now': now, ':by': deletedBy, ':empty': '' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toMessage(result.Attributes ?? {});
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { ...found.message, text: '', deleted: true };
  }
}

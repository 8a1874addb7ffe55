import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ChatMessage, Report, Resolution } from '@org/chat-sdk/protocol';
import { db, table } from './client.js';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from './document-client.js';
import { keys } from './keys.js';

// A report lists at most this many reasons (the count of reporters goes on).
const MAX_REASONS = 20;

/** The id of the report of a stored message: one per message, however many report it. */
export function messageReportId(seq: number): string {
  return `m${seq}`;
}

/** The id of a held message: one per sender and client id, so a retried send is held once. */
export function heldReportId(senderId: string, clientId: string): string {
  return `h${createHash('sha256').update(`${senderId}\n${clientId}`).digest('hex').slice(0, 24)}`;
}

function openIndex(room: string, createdAt: number, id: string) {
  return { gsi1pk: keys.openReports, gsi1sk: `${room}#${String(createdAt).padStart(15, '0')}#${id}` };
}

/**
 * Adds a participant's report of a stored message: the first one opens the message's report (with
 * a snapshot of the message as it is now), later ones add their reporter and reason, and reopen it if
 * it was dismissed. Reporting twice counts once. Returns the report's id.
 */
export async function addReport(
  message: ChatMessage,
  reporterId: string,
  reason: string,
  now = Date.now(),
): Promise<string> {
  const id = messageReportId(message.seq);
  const update = (withReason: boolean) =>
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.room(message.room), sk: keys.report(id) },
        UpdateExpression: [
          'SET id = :id, room = :room, kind = :kind, #status = :open, gsi1pk = :gsi1pk,',
          'gsi1sk = if_not_exists(gsi1sk, :gsi1sk), createdAt = if_not_exists(createdAt, :now),',
          '#message = if_not_exists(#message, :message)',
          withReason ? ', reasons = list_append(if_not_exists(reasons, :empty), :reason)' : '',
          'ADD reporters :reporter',
        ].join(' '),
        ConditionExpression: withReason
          ? 'NOT contains(reporters, :me) AND (attribute_not_exists(reasons) OR size(reasons) < :max)'
          : 'NOT contains(reporters, :me)',
        ExpressionAttributeNames: { '#status': 'status', '#message': 'message' },
        ExpressionAttributeValues: {
          ':id': id,
          ':room': message.room,
          ':kind': 'report',
          ':open': 'open',
          ':now': now,
          ':message': message,
          ':reporter': new Set([reporterId]),
          ':me': reporterId,
          ':gsi1pk': keys.openReports,
          ':gsi1sk': openIndex(message.room, now, id).gsi1sk,
          ...(withReason ? { ':empty': [], ':reason': [reason], ':max': MAX_REASONS } : {}),
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  try {
    await update(true);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const reporters = error.Item
      ? (unmarshall(error.Item).reporters as Set<string> | undefined)
      : await readReporters(message.room, id);
    if (reporters?.has(reporterId)) return id;
    // The list of reasons is full: count the reporter all the same.
    await update(false).catch((again: unknown) => {
      if (!(again instanceof ConditionalCheckFailedException)) throw again;
    });
  }
  return id;
}

/** A held message's report, and how it was resolved if the same send was held before. */
export interface Held {
  id: string;
  /** The same send was held before and a moderator resolved it so. */
  resolution?: Resolution;
}

/**
 * Keeps a message for review instead of storing it: it has no position until a moderator approves
 * it. Holding the same send again (a retry) keeps the first, and says how it was resolved if it was.
 */
export async function holdMessage(message: ChatMessage, reason: string, now = Date.now()): Promise<Held> {
  const id = heldReportId(message.sender.id, message.clientId);
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: keys.room(message.room),
          sk: keys.report(id),
          id,
          room: message.room,
          kind: 'held',
          status: 'open',
          message,
          reasons: [reason],
          createdAt: now,
          ...openIndex(message.room, now, id),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // dynalite does not return the item a condition failed on: read it then.
    const resolution = error.Item
      ? (unmarshall(error.Item).resolution as Resolution | undefined)
      : (await readReport(message.room, id))?.resolution;
    if (resolution) return { id, resolution };
  }
  return { id };
}

/**
 * Open reports and held messages, oldest first: one room's, or every room's (through the sparse
 * open-reports index, eventually consistent: a report made a moment ago may show a moment later).
 */
export async function listOpenReports(room: string | undefined, limit: number): Promise<Report[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: room ? 'gsi1pk = :open AND begins_with(gsi1sk, :room)' : 'gsi1pk = :open',
      ExpressionAttributeValues: { ':open': keys.openReports, ...(room ? { ':room': `${room}#` } : {}) },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map(toReport);
}

async function readReporters(room: string, id: string): Promise<Set<string> | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: table,
      Key: { pk: keys.room(room), sk: keys.report(id) },
      ConsistentRead: true,
      ProjectionExpression: 'reporters',
    }),
  );
  return Item?.reporters as Set<string> | undefined;
}

/** One report, strongly consistent. */
export async function readReport(room: string, id: string): Promise<Report | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: table,
      Key: { pk: keys.room(room), sk: keys.report(id) },
      ConsistentRead: true,
    }),
  );
  return Item ? toReport(Item) : undefined;
}

/**
 * Closes an open report with its resolution (taking it out of the open-reports index). Returns false
 * when it was not open (another moderator resolved it first).
 */
export async function closeReport(
  room: string,
  id: string,
  resolution: Resolution,
  by: string,
  now = Date.now(),
): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.room(room), sk: keys.report(id) },
        UpdateExpression:
          'SET #status = :resolved, resolution = :resolution, resolvedBy = :by, resolvedAt = :now REMOVE gsi1pk, gsi1sk',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':resolved': 'resolved',
          ':open': 'open',
          ':resolution': resolution,
          ':by': by,
          ':now': now,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

function toReport(item: Record<string, unknown>): Report {
  const reporters = item.reporters as Set<string> | undefined;
  return {
    id: item.id as string,
    room: item.room as string,
    kind: item.kind as Report['kind'],
    message: item.message as ChatMessage,
    reasons: ((item.reasons as string[] | undefined) ?? []).slice(0, MAX_REASONS),
    reporters: reporters?.size ?? 0,
    createdAt: item.createdAt as number,
    status: item.status as Report['status'],
    ...(item.resolution ? { resolution: item.resolution as Resolution } : {}),
  };
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { PostEntry } from '../chat/moderation-filters.js';
import { logger } from '../log.js';
import { db, table } from './client.js';
import { GetCommand, UpdateCommand } from './document-client.js';
import { epochSeconds, keys } from './keys.js';

/** How a post is recorded. */
export interface PostRules {
  /** Slow mode: refuse (and record nothing) when the last post is more recent than this; 0: off. */
  slowModeSeconds: number;
  /** Entries the record keeps (older ones are trimmed now and then). */
  keep: number;
  /** How long the record matters after this post, in seconds (its TTL). */
  relevantSeconds: number;
}

/** What recording a post found. */
export type PostOutcome =
  | { recorded: true; previous: PostEntry[] }
  | { recorded: false; lastAt: number | undefined };

/**
 * Records a post of `userId` in `room` on its `L#` item, in one write: the time of the post (slow
 * mode) and an entry for the flood and duplicate checks, returning the entries before it. With slow
 * mode on, the write is conditional on the last post being old enough: refused, it records nothing
 * and returns when that post was. DynamoDB applies writes to one item one at a time, so two sends
 * racing each other cannot both pass slow mode.
 */
export async function notePost(
  room: string,
  userId: string,
  entry: PostEntry,
  rules: PostRules,
): Promise<PostOutcome> {
  const key = { pk: keys.room(room), sk: keys.poster(userId) };
  const slow = rules.slowModeSeconds > 0;
  try {
    const result = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression:
          'SET lastAt = :now, recent = list_append(if_not_exists(recent, :empty), :entry), #ttl = :ttl',
        ...(slow ? { ConditionExpression: 'attribute_not_exists(lastAt) OR lastAt <= :cutoff' } : {}),
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':now': entry.t,
          ':empty': [],
          ':entry': [entry],
          ':ttl': epochSeconds(entry.t) + rules.relevantSeconds + 60,
          ...(slow ? { ':cutoff': entry.t - rules.slowModeSeconds * 1000 } : {}),
        },
        ReturnValues: 'ALL_OLD',
        ...(slow ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {}),
      }),
    );
    const previous = (result.Attributes?.recent as PostEntry[] | undefined) ?? [];
    if (previous.length >= 2 * rules.keep) await trim(key, previous.length + 1 - rules.keep);
    return { recorded: true, previous };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // dynalite does not return the item a condition failed on: read it then.
    const old = error.Item ? unmarshall(error.Item) : await readPoster(key);
    return { recorded: false, lastAt: typeof old?.lastAt === 'number' ? old.lastAt : undefined };
  }
}

async function readPoster(key: { pk: string; sk: string }) {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: key, ConsistentRead: true, ProjectionExpression: 'lastAt' }),
  );
  return Item;
}

/**
 * Drops the `count` oldest entries. They are removed by index from the front, so entries a racing
 * post appends meanwhile survive; the condition keeps two racing trims from removing twice.
 */
async function trim(key: { pk: string; sk: string }, count: number): Promise<void> {
  if (count <= 0) return;
  const paths = Array.from({ length: count }, (_, i) => `recent[${i}]`).join(', ');
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: `REMOVE ${paths}`,
        ConditionExpression: 'size(recent) > :count',
        ExpressionAttributeValues: { ':count': count },
      }),
    );
  } catch (error) {
    // A lost trim only leaves the record longer until the next one.
    if (!(error instanceof ConditionalCheckFailedException))
      logger.warn('trimming posts failed', { error: String(error) });
  }
}

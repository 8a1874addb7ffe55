import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { IdentityLink } from '@org/chat-sdk/protocol';
import type { Identity } from '../auth/identity.js';
import { ChatError } from '../errors.js';
import { db, table } from './client.js';
import { BatchGetCommand, GetCommand, UpdateCommand } from './document-client.js';
import { keys } from './keys.js';

// BatchGetItem's limit per call.
const BATCH_KEYS = 100;
// Rounds a batch read retries keys DynamoDB left unprocessed (throttling) before giving up.
const BATCH_ROUNDS = 3;
// Links never change once written, so a Lambda instance keeps those it read; bounded all the same.
const CACHE_LIMIT = 10_000;
const cache = new Map<string, IdentityLink>();

/**
 * Links a guest to a user: one conditional write. A guest links to one user only: a second user is
 * refused with `conflict`, while the same user again (a retry) gets the first link back unchanged.
 */
export async function putLink(guestId: string, user: Identity, now = Date.now()): Promise<IdentityLink> {
  try {
    const result = await db.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: keys.guestLink(guestId), sk: keys.linkMeta },
        UpdateExpression:
          'SET userId = if_not_exists(userId, :user), #name = if_not_exists(#name, :name), linkedAt = if_not_exists(linkedAt, :now)',
        ConditionExpression: 'attribute_not_exists(pk) OR userId = :user',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':user': user.id, ':name': user.name, ':now': now },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toLink(guestId, result.Attributes as Record<string, unknown>);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw new ChatError('conflict', 'this guest is already linked to another account');
  }
}

/** The link of one guest, if it was linked (strongly consistent). */
export async function readLink(guestId: string): Promise<IdentityLink | undefined> {
  const cached = cache.get(guestId);
  if (cached) return cached;
  const { Item } = await db.send(
    new GetCommand({
      TableName: table,
      Key: { pk: keys.guestLink(guestId), sk: keys.linkMeta },
      ConsistentRead: true,
    }),
  );
  return Item ? remember(toLink(guestId, Item)) : undefined;
}

/**
 * The links of those of `guestIds` that were linked: from this instance's cache, the rest in batched
 * strongly consistent reads (a link made a moment ago is seen). Unlinked guests are not cached: any
 * of them may be linked the next moment.
 */
export async function readLinks(guestIds: Iterable<string>): Promise<Map<string, IdentityLink>> {
  const found = new Map<string, IdentityLink>();
  const missing: string[] = [];
  for (const id of new Set(guestIds)) {
    const cached = cache.get(id);
    if (cached) found.set(id, cached);
    else missing.push(id);
  }
  for (let start = 0; start < missing.length; start += BATCH_KEYS) {
    let wanted: Record<string, unknown>[] = missing
      .slice(start, start + BATCH_KEYS)
      .map((id) => ({ pk: keys.guestLink(id), sk: keys.linkMeta }));
    for (let round = 0; wanted.length && round < BATCH_ROUNDS; round++) {
      const result = await db.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: wanted, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[table] ?? []) {
        const guestId = (item.pk as string).slice(keys.guestLink('').length);
        found.set(guestId, remember(toLink(guestId, item)));
      }
      wanted = result.UnprocessedKeys?.[table]?.Keys ?? [];
    }
    if (wanted.length) throw new Error(`${wanted.length} guest links left unread after retries`);
  }
  return found;
}

function toLink(guestId: string, item: Record<string, unknown>): IdentityLink {
  return {
    from: guestId,
    to: { id: item.userId as string, name: item.name as string, guest: false },
    at: item.linkedAt as number,
  };
}

function remember(link: IdentityLink): IdentityLink {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(link.from, link);
  return link;
}

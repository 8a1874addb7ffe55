import { db, table } from './client.js';
import { UpdateCommand } from './document-client.js';
import { epochSeconds, keys } from './keys.js';

/**
 * Adds `frames` to an identity's count for one rate window and returns the new total (one atomic
 * write, so it holds across Lambda instances and sockets). Window items expire by TTL on AWS.
 */
export async function addFrames(
  userId: string,
  window: number,
  windowMs: number,
  frames: number,
): Promise<number> {
  const result = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: keys.identityRate(userId), sk: keys.rateWindow(window) },
      UpdateExpression: 'ADD #n :frames SET #ttl = if_not_exists(#ttl, :ttl)',
      ExpressionAttributeNames: { '#n': 'n', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':frames': frames, ':ttl': epochSeconds((window + 1) * windowMs) + 60 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.n ?? frames);
}

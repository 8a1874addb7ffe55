import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, table } from './client.js';
import { epochSeconds, keys } from './keys.js';

/** A connection's frame count in the current window, and when that window ends. */
export interface WindowCount {
  count: number;
  retryAfterMs: number;
}

/**
 * Counts one frame of a connection in a fixed window (one atomic write, so it holds across Lambda
 * instances). Window items expire by TTL on AWS; locally they are tiny and harmless.
 */
export async function countFrame(
  connectionId: string,
  windowMs: number,
  now = Date.now(),
): Promise<WindowCount> {
  const window = Math.floor(now / windowMs);
  const windowEnd = (window + 1) * windowMs;
  const result = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: keys.connection(connectionId), sk: keys.rateWindow(window) },
      UpdateExpression: 'ADD #n :one SET #ttl = if_not_exists(#ttl, :ttl)',
      ExpressionAttributeNames: { '#n': 'n', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': epochSeconds(windowEnd) + 60 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return { count: Number(result.Attributes?.n ?? 1), retryAfterMs: windowEnd - now };
}

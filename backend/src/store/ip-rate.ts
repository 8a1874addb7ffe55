import { db, table } from './client.js';
import { UpdateCommand } from './document-client.js';
import { epochSeconds, keys } from './keys.js';

/** A count in the current window, and when that window ends. */
export interface WindowCount {
  count: number;
  retryAfterMs: number;
}

/**
 * Counts one request from `ip` to `route` in a fixed window: one atomic ADD, so the count holds across
 * Lambda instances. Window items expire by TTL on AWS a minute after their window.
 */
export async function countIpRequest(
  ip: string,
  route: string,
  windowMs: number,
  now = Date.now(),
): Promise<WindowCount> {
  const window = Math.floor(now / windowMs);
  const windowEnd = (window + 1) * windowMs;
  const result = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: keys.sourceIp(ip), sk: keys.ipWindow(route, window) },
      UpdateExpression: 'ADD #n :one SET #ttl = if_not_exists(#ttl, :ttl)',
      ExpressionAttributeNames: { '#n': 'n', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': epochSeconds(windowEnd) + 60 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return { count: Number(result.Attributes?.n ?? 1), retryAfterMs: windowEnd - now };
}

import { logger } from '../log.js';
import { connectionsApi } from '../push/connections-api.js';
import { postAll } from '../push/fanout.js';
import type { FanoutBatch } from '../push/workers.js';
import { instrument } from './instrument.js';

/**
 * Fan-out worker, invoked asynchronously by a send to a big room with one batch of its recipients.
 * It never throws: a failed post is retried and then the connection is closed (push/fanout.ts), so
 * Lambda has no reason to run the batch again and nobody is posted the frame twice.
 */
export const handler = instrument(async (batch: FanoutBatch): Promise<void> => {
  try {
    const result = await postAll(connectionsApi(batch.endpoint), batch.room, batch.connections, batch.data);
    logger.info('fan-out batch', { room: batch.room, size: batch.connections.length, ...result });
  } catch (error) {
    logger.error('fan-out batch failed', { room: batch.room, error: error as Error });
  }
});

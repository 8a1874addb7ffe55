import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../log.js';
import { announceDeparture } from '../push/presence.js';
import { parseDeparture } from '../queue/departures.js';
import { instrument } from './instrument.js';

/**
 * Settles departures once the presence grace period is over (SQS delay queue, fed by `$disconnect`):
 * removes each closed connection's departing subscriptions and tells each room its user went offline,
 * unless they are back on another connection. A departure that failed is handed back to the queue
 * alone (partial batch response) and tried again; a malformed one is dropped, never retried.
 */
export const handler = instrument(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      const departure = parseDeparture(record.body);
      if (!departure) {
        logger.error('malformed departure dropped', { messageId: record.messageId });
        return;
      }
      try {
        await announceDeparture(departure);
      } catch (error) {
        logger.warn('departure will be retried', { messageId: record.messageId, error: error as Error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures };
});

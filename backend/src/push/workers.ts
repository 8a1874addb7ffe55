import type { LambdaClient } from '@aws-sdk/client-lambda';
import { config } from '../config.js';

/** What one fan-out worker posts: one frame to a batch of a room's connections. */
export interface FanoutBatch {
  room: string;
  /** The @connections endpoint of the API the connections belong to. */
  endpoint: string;
  connections: string[];
  /** The encoded frame (push/frames.ts). */
  data: string;
}

let lambda: LambdaClient | undefined;

/**
 * Hands a big room's recipients to fan-out workers, FANOUT_BATCH_SIZE each, as asynchronous
 * invocations (Lambda queues them; serverless-offline runs them on its Lambda endpoint), so a room of
 * thousands is posted to in parallel, each batch well within a function's time limit.
 */
export async function invokeWorkers(
  endpoint: string,
  room: string,
  targets: readonly string[],
  data: string,
): Promise<void> {
  // Loaded on the first hand-off only: most sends never hand off, and the Lambda client costs ~10 ms
  // of every cold start of the functions that import this module.
  const { InvokeCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
  lambda ??= new LambdaClient({
    region: config.region,
    ...(config.lambdaEndpoint
      ? { endpoint: config.lambdaEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  const batches: FanoutBatch[] = [];
  for (let i = 0; i < targets.length; i += config.fanoutBatchSize) {
    batches.push({ room, endpoint, connections: targets.slice(i, i + config.fanoutBatchSize), data });
  }
  await Promise.all(
    batches.map((batch) =>
      (lambda as LambdaClient).send(
        new InvokeCommand({
          FunctionName: config.fanoutWorker,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify(batch)),
        }),
      ),
    ),
  );
}

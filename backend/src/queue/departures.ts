import type { Identity } from '../auth/identity.js';
import { type SignedSender, signedSender } from '../aws-request.js';
import { config } from '../config.js';

/** A closed connection whose departure from its rooms waits out the presence grace period. */
export interface Departure {
  connectionId: string;
  user: Identity;
  /** The rooms it was still subscribed to when it closed. */
  rooms: string[];
  /** The @connections endpoint of the API it belonged to (where the room's others are posted to). */
  endpoint: string;
}

// A departure not queued within this is announced at once instead (handlers/ws/disconnect.ts).
const REQUEST_TIMEOUT_MS = 1000;

let sqs: SignedSender | undefined;

/** Whether this stage defers departures (a grace period and a queue to wait it out in). */
export function departuresDeferred(): boolean {
  return config.presenceGraceSeconds > 0 && config.departuresQueueUrl !== undefined;
}

/**
 * Queues a departure on the SQS delay queue, to reach the `departures` function once the grace period
 * is over: a per-message `DelaySeconds` holds it, so no function waits (or is billed) meanwhile.
 * One signed request in SQS's JSON protocol, without an SDK client to load at a cold start. Rejects
 * when the queue did not take it.
 */
export async function scheduleDeparture(departure: Departure): Promise<void> {
  const queueUrl = config.departuresQueueUrl;
  if (!queueUrl) throw new Error('no departures queue configured');
  sqs ??= signedSender({
    endpoint: config.sqsEndpoint ?? `https://sqs.${config.region}.amazonaws.com`,
    service: 'sqs',
    region: config.region,
    local: Boolean(config.sqsEndpoint),
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  const response = await sqs({
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' },
    body: JSON.stringify({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(departure),
      DelaySeconds: config.presenceGraceSeconds,
    }),
  });
  if (response.status !== 200) {
    throw new Error(
      `the departures queue answered ${response.status}: ${response.body.toString('utf8', 0, 200)}`,
    );
  }
}

/** Reads a departure back from a queue message's body; undefined for anything malformed. */
export function parseDeparture(body: string): Departure | undefined {
  try {
    const value = JSON.parse(body) as Partial<Departure>;
    const valid =
      typeof value.connectionId === 'string' &&
      typeof value.endpoint === 'string' &&
      typeof value.user?.id === 'string' &&
      Array.isArray(value.rooms) &&
      value.rooms.every((room) => typeof room === 'string');
    return valid ? (value as Departure) : undefined;
  } catch {
    return undefined;
  }
}

import {
  type ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { ServerFrame } from '@org/chat-sdk/protocol';
import { logger } from '../log.js';
import { listSubscribers, removeConnection, removeSubscription } from '../store/connections.js';

/** How many @connections posts run at once for one fan-out. */
const CONCURRENCY = 16;

/** Counts of one fan-out, for logs and benchmarks. */
export interface FanoutResult {
  delivered: number;
  gone: number;
  failed: number;
}

/**
 * Posts a frame to every connection subscribed to `room` except `skipConnectionId` (the sender,
 * who gets the message in its ack). A connection answering 410 Gone is removed; other failures
 * are logged and counted, never thrown, so the sender's ack does not depend on other clients.
 */
export async function fanOut(
  api: ApiGatewayManagementApiClient,
  room: string,
  frame: ServerFrame,
  skipConnectionId?: string,
): Promise<FanoutResult> {
  const targets = (await listSubscribers(room)).filter((id) => id !== skipConnectionId);
  const data = new TextEncoder().encode(JSON.stringify(frame));
  const result: FanoutResult = { delivered: 0, gone: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const connectionId = targets[next++] as string;
      try {
        await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
        result.delivered++;
      } catch (error) {
        if (isGone(error)) {
          result.gone++;
          await forgetGone(room, connectionId);
        } else {
          result.failed++;
          logger.warn('post to connection failed', { connectionId, error: String(error) });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
  return result;
}

/** Drops a vanished connection: this room's subscription (even if its connection record is gone) and the rest. */
async function forgetGone(room: string, connectionId: string): Promise<void> {
  try {
    await Promise.all([removeSubscription(room, connectionId), removeConnection(connectionId)]);
  } catch (error) {
    logger.warn('cleanup of a gone connection failed', { connectionId, error: String(error) });
  }
}

function isGone(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'GoneException' || e?.$metadata?.httpStatusCode === 410;
}

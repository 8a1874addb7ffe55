import type { ServerFrame } from '@org/chat-sdk/protocol';
import type { Identity } from '../auth/identity.js';
import { isActive } from '../chat/moderation-rules.js';
import { mayReceive } from '../chat/rooms.js';
import { config } from '../config.js';
import { logger } from '../log.js';
import { countDelivered, countFailedPosts, countGone } from '../metrics.js';
import { removeConnection, removeSubscription } from '../store/connections.js';
import { type RoomState, readRoomState } from '../store/rooms.js';
import type { ConnectionsApi } from './connections-api.js';
import { encodeFrame } from './frames.js';
import { invokeWorkers } from './workers.js';

/** How many @connections posts run at once in one function. */
const CONCURRENCY = 16;
// A post failing with anything but 410 is tried again after these pauses (ms).
const RETRY_PAUSES = [50, 250];

/** Counts of one fan-out, for logs, metrics and benchmarks. */
export interface FanoutResult {
  delivered: number;
  gone: number;
  /** Posts that failed even after retries: those connections were closed so their clients resume. */
  failed: number;
  /** Recipients handed to fan-out workers (big rooms). */
  handedOff: number;
}

/** Who a room frame goes to: the room's state (read after the frame's position was allocated), minus some. */
export interface Audience {
  room: string;
  /** The room as read for this delivery; read here when absent. */
  state?: RoomState;
  /** A connection that gets the frame another way (the sender, in its ack). */
  except?: string;
  /** Only connections whose user passes this test, besides the room's own access rule. */
  only?: (user: Identity) => boolean;
  /** A big room's recipients may go to fan-out workers (messages; signals never reach big rooms). */
  handoff?: boolean;
}

/**
 * Posts a frame to every connection of a room that may receive it now: the room's access rule is
 * applied to each subscription at this moment (a private room's removed member gets nothing). Small
 * rooms are posted to from here; past FANOUT_INLINE_MAX, batches go to fan-out workers.
 */
export async function fanOut(
  api: ConnectionsApi,
  audience: Audience,
  frame: ServerFrame,
): Promise<FanoutResult> {
  const state = audience.state ?? (await readRoomState(audience.room));
  const now = Date.now();
  const targets = state.subscriptions
    .filter(
      ({ connectionId, user }) =>
        connectionId !== audience.except &&
        mayReceive(state.meta, state.members, user) &&
        // A banned identity receives nothing more, even before its subscription is ended (issue 13).
        !isActive(state.restrictions.bans.get(user.id), now) &&
        (audience.only?.(user) ?? true),
    )
    .map((subscription) => subscription.connectionId);
  const data = encodeFrame(frame);
  if (audience.handoff && targets.length > config.fanoutInlineMax && config.fanoutWorker) {
    await invokeWorkers(api.endpoint, audience.room, targets, data);
    return { delivered: 0, gone: 0, failed: 0, handedOff: targets.length };
  }
  return { ...(await postAll(api, audience.room, targets, data)), handedOff: 0 };
}

/**
 * Posts encoded `data` to each connection, CONCURRENCY at a time. A connection that answers 410 Gone
 * is forgotten. A post that keeps failing otherwise is not left as a silent gap: the connection is
 * closed, so its client reconnects and resumes from what it last saw.
 */
export async function postAll(
  api: ConnectionsApi,
  room: string,
  targets: readonly string[],
  data: string,
): Promise<Omit<FanoutResult, 'handedOff'>> {
  const result = { delivered: 0, gone: 0, failed: 0 };
  const bytes = new TextEncoder().encode(data);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const connectionId = targets[next++] as string;
      const outcome = await postOne(api, connectionId, bytes);
      if (outcome === 'delivered') result.delivered++;
      else if (outcome === 'gone') {
        result.gone++;
        await forgetGone(room, connectionId);
      } else {
        result.failed++;
        await closeConnection(api, connectionId);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
  countDelivered(result.delivered);
  countGone(result.gone);
  countFailedPosts(result.failed);
  return result;
}

async function postOne(
  api: ConnectionsApi,
  connectionId: string,
  data: Uint8Array,
): Promise<'delivered' | 'gone' | 'failed'> {
  for (let attempt = 0; ; attempt++) {
    let failure: string;
    try {
      const status = await api.post(connectionId, data);
      if (status >= 200 && status < 300) return 'delivered';
      if (status === 410) return 'gone';
      failure = `HTTP ${status}`;
    } catch (error) {
      failure = String(error);
    }
    const pause = RETRY_PAUSES[attempt];
    if (pause === undefined) {
      logger.warn('post to connection failed', { connectionId, error: failure });
      return 'failed';
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Closes a connection on the server's side (its client will reconnect and resume). */
export async function closeConnection(api: ConnectionsApi, connectionId: string): Promise<void> {
  try {
    const status = await api.close(connectionId);
    if (status !== 410 && (status < 200 || status >= 300)) {
      logger.warn('closing a connection failed', { connectionId, error: `HTTP ${status}` });
    }
  } catch (error) {
    logger.warn('closing a connection failed', { connectionId, error: String(error) });
  }
}

/** Drops a vanished connection: this room's subscription (even if its connection record is gone) and the rest. */
async function forgetGone(room: string, connectionId: string): Promise<void> {
  try {
    await Promise.all([removeSubscription(room, connectionId), removeConnection(connectionId)]);
  } catch (error) {
    logger.warn('cleanup of a gone connection failed', { connectionId, error: String(error) });
  }
}

import type { ModerationFrame } from '@org/chat-sdk/protocol';
import { listUserConnections } from '../store/connections.js';
import type { Subscription } from '../store/rooms.js';
import type { ConnectionsApi } from './connections-api.js';
import { closeConnection, postAll } from './fanout.js';
import { encodeFrame } from './frames.js';

// A connection opened just before a site-wide ban may not be in the by-user index yet (AWS updates it
// within about a second): the sweep looks once more after this long.
const SECOND_SWEEP_MS = 1500;

/** Tells one user's subscriptions in a room about moderation that concerns them. */
export async function noticeInRoom(
  api: ConnectionsApi,
  room: string,
  subscriptions: readonly Subscription[],
  userId: string,
  frame: ModerationFrame,
): Promise<void> {
  const targets = subscriptions.filter((s) => s.user.id === userId).map((s) => s.connectionId);
  if (targets.length) await postAll(api, room, targets, encodeFrame(frame));
}

/** Tells every live connection of a user about a site-wide mute or its end. */
export async function noticeEverywhere(
  api: ConnectionsApi,
  userId: string,
  frame: ModerationFrame,
): Promise<void> {
  const connections = await listUserConnections(userId);
  if (connections.length)
    await postAll(
      api,
      '',
      connections.map((c) => c.connectionId),
      encodeFrame(frame),
    );
}

/**
 * Ends every live connection of a site-wide banned identity: each is told why (`moderation` `banned`)
 * and then closed by the server, and `$connect` refuses it from now on. Returns how many were closed.
 */
export async function closeEverywhere(
  api: ConnectionsApi,
  userId: string,
  frame: ModerationFrame,
): Promise<number> {
  const closed = new Set<string>();
  for (let sweep = 0; sweep < 2; sweep++) {
    if (sweep) await new Promise((resolve) => setTimeout(resolve, SECOND_SWEEP_MS));
    const targets = (await listUserConnections(userId))
      .map((c) => c.connectionId)
      .filter((id) => !closed.has(id));
    if (!targets.length) continue;
    await postAll(api, '', targets, encodeFrame(frame));
    await Promise.all(targets.map((id) => closeConnection(api, id)));
    for (const id of targets) closed.add(id);
  }
  return closed.size;
}

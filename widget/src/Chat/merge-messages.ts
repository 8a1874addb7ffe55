import type { ChatMessage } from '@org/chat-sdk';

const byPosition = (a: ChatMessage, b: ChatMessage) => a.seq - b.seq;

/**
 * Merges `incoming` into `current`: one entry per id, ordered by position (`seq`, the room's order).
 * A history page and the live feed overlap when a message arrives while the page loads.
 * Returns `current` itself when nothing is new, so nothing re-renders.
 */
export function mergeMessages(
  current: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): readonly ChatMessage[] {
  const last = current[current.length - 1];
  const [only] = incoming;
  // The usual case, one live message newer than everything shown: append without a re-sort.
  if (incoming.length === 1 && only && (!last || only.seq > last.seq)) return [...current, only];
  const byId = new Map(current.map((message) => [message.id, message]));
  let added = false;
  for (const message of incoming) {
    if (byId.has(message.id)) continue;
    byId.set(message.id, message);
    added = true;
  }
  return added ? [...byId.values()].sort(byPosition) : current;
}

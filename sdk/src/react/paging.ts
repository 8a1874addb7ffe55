// The one place that knows how a room's messages are ordered and where an older page starts: both are
// the message's position in its room, `seq`.
import type { ChatMessage } from '../protocol/types.js';
import type { HistoryOptions } from '../room.js';

/** Orders two messages as the room does (oldest first). */
export function compareMessages(a: ChatMessage, b: ChatMessage): number {
  return a.seq - b.seq;
}

/** The `before` of the page older than everything in `messages` (oldest first); undefined: the newest page. */
export function olderThan(messages: readonly ChatMessage[]): HistoryOptions['before'] {
  return messages[0]?.seq;
}

/** `held` and `incoming` merged, oldest first, each message once (a later copy replaces an earlier one). */
export function mergeMessages(held: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(held.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(compareMessages);
}

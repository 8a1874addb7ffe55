import type { ChatUser } from '../protocol/types.js';
import type { Room } from '../room.js';
import type { ExternalStore } from './external-store.js';

/** No one typing: the snapshot of a store without a room, and of every server render. */
export const NO_ONE: readonly ChatUser[] = [];

/**
 * Who is typing in `room` now: each user for `timeoutMs` after their last typing event (the server
 * relays at most one every 2 s while they type). Listens, and runs its timer, only while subscribed.
 */
export function createTypingStore(room: Room, timeoutMs: number): ExternalStore<readonly ChatUser[]> {
  const until = new Map<string, { user: ChatUser; at: number }>();
  let snapshot = NO_ONE;
  const listeners = new Set<() => void>();
  let stopListening: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const publish = () => {
    const now = Date.now();
    for (const [id, entry] of until) if (entry.at <= now) until.delete(id);
    const next = [...until.values()].map((entry) => entry.user);
    const same = next.length === snapshot.length && next.every((user, i) => user === snapshot[i]);
    if (!same) {
      snapshot = next.length ? next : NO_ONE;
      for (const listener of [...listeners]) listener();
    }
    clearTimeout(timer);
    timer = undefined;
    if (until.size) {
      const soonest = Math.min(...[...until.values()].map((entry) => entry.at));
      timer = setTimeout(publish, Math.max(0, soonest - now));
    }
  };

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      stopListening ??= room.on('typing', ({ user }) => {
        // Re-inserted, so the list keeps the order in which people (re)started typing.
        until.delete(user.id);
        until.set(user.id, { user, at: Date.now() + timeoutMs });
        publish();
      });
      return () => {
        listeners.delete(onChange);
        if (listeners.size) return;
        stopListening?.();
        stopListening = undefined;
        clearTimeout(timer);
        timer = undefined;
        until.clear();
        snapshot = NO_ONE;
      };
    },
    getSnapshot: () => snapshot,
  };
}

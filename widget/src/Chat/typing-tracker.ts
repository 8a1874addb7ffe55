import type { ChatUser } from '@org/chat-sdk';
import { type ReadonlySignal, signal } from '@preact/signals';

/** Who is typing now; each notice counts for `ttlMs` after the last one. */
export interface TypingTracker {
  readonly users: ReadonlySignal<readonly ChatUser[]>;
  /** Someone is typing (again). */
  add(user: ChatUser): void;
  /** Someone stopped: their message arrived, or they left. */
  remove(userId: string): void;
  /** Forgets everyone and every timer. */
  clear(): void;
}

// The server relays a typing frame at most every 2 s while someone types; 4 s covers one lost frame.
const TYPING_TTL_MS = 4000;

/** Creates a tracker; `ttlMs` is how long one notice lasts. */
export function createTypingTracker(ttlMs = TYPING_TTL_MS): TypingTracker {
  const users = signal<readonly ChatUser[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const remove = (userId: string) => {
    clearTimeout(timers.get(userId));
    if (!timers.delete(userId)) return;
    users.value = users.value.filter((user) => user.id !== userId);
  };
  return {
    users,
    add(user) {
      clearTimeout(timers.get(user.id));
      if (!timers.has(user.id)) users.value = [...users.value, user];
      timers.set(
        user.id,
        setTimeout(() => remove(user.id), ttlMs),
      );
    },
    remove,
    clear() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      users.value = [];
    },
  };
}

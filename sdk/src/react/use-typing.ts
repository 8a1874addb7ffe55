import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ChatUser } from '../protocol/types.js';
import type { Room } from '../room.js';
import { noop } from './external-store.js';
import { createTypingStore, NO_ONE } from './typing-store.js';

/** Options of `useTyping`. */
export interface UseTypingOptions {
  /** How long someone counts as typing after their last typing event, in ms (default 4000). */
  timeoutMs?: number;
}

/** What `useTyping` returns. */
export interface UseTypingResult {
  /** Others typing in the room now, in the order they started. */
  typing: readonly ChatUser[];
  /** Tells the room you are typing: call it on every keystroke (the SDK throttles it). */
  notifyTyping(): void;
}

/** Who else is typing in `room`, and the function that tells others you are. */
export function useTyping(room: Room | undefined, options: UseTypingOptions = {}): UseTypingResult {
  const { timeoutMs = 4000 } = options;
  const store = useMemo(() => (room ? createTypingStore(room, timeoutMs) : undefined), [room, timeoutMs]);
  const typing = useSyncExternalStore(
    store ? store.subscribe : () => noop,
    store ? store.getSnapshot : () => NO_ONE,
    () => NO_ONE,
  );
  const notifyTyping = useCallback(() => room?.typing(), [room]);
  return { typing, notifyTyping };
}

import { useMemo, useSyncExternalStore } from 'react';
import type { Room } from '../room.js';
import { noop } from './external-store.js';
import { createMessageStore, type MessagesSnapshot, NO_MESSAGES } from './message-store.js';

/** Options of `useMessages`. */
export interface UseMessagesOptions {
  /** Messages per page (1 to 100, default 50). */
  pageSize?: number;
}

/** What `useMessages` returns. */
export interface UseMessagesResult extends MessagesSnapshot {
  /** Loads the page of older messages (e.g. when the reader scrolls to the top). */
  loadOlder(): Promise<void>;
}

const nothingToLoad = async (): Promise<void> => {};

/**
 * A room's messages, oldest first: the newest page on mount, live messages as they come (your own
 * included, once stored), and older pages through `loadOlder()`. Empty while `room` is undefined and
 * when rendering on the server.
 */
export function useMessages(room: Room | undefined, options: UseMessagesOptions = {}): UseMessagesResult {
  const { pageSize = 50 } = options;
  const store = useMemo(() => (room ? createMessageStore(room, pageSize) : undefined), [room, pageSize]);
  const snapshot = useSyncExternalStore(
    store ? store.subscribe : () => noop,
    store ? store.getSnapshot : () => NO_MESSAGES,
    () => NO_MESSAGES,
  );
  return { ...snapshot, loadOlder: store ? store.loadOlder : nothingToLoad };
}

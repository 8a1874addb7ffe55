import { ChatError } from '../errors.js';
import { relabelMessage } from '../protocol/links.js';
import type { ChatMessage } from '../protocol/types.js';
import type { Room } from '../room.js';
import type { ExternalStore } from './external-store.js';
import { mergeMessages, olderThan } from './paging.js';

/** A room's messages as `useMessages` shows them. */
export interface MessagesSnapshot {
  /** Oldest first: the pages loaded so far, then every live message since. */
  messages: readonly ChatMessage[];
  /** Whether the server holds older messages than the oldest here. */
  hasMore: boolean;
  /** Whether a page is on its way. */
  loading: boolean;
  /** Why the last page failed, until the next try. */
  error: ChatError | undefined;
}

/** A room's messages with paging: the newest page at once, older ones on `loadOlder()`. */
export interface MessageStore extends ExternalStore<MessagesSnapshot> {
  /** Loads the page before the oldest message held; does nothing while loading or at the beginning. */
  loadOlder(): Promise<void>;
}

/** The snapshot of a store that has no room yet (and of every server render). */
export const NO_MESSAGES: MessagesSnapshot = {
  messages: [],
  hasMore: false,
  loading: false,
  error: undefined,
};

/**
 * Keeps `room`'s messages: listens while someone is subscribed, loads the newest `pageSize` on the
 * first subscription, and merges live messages and older pages by their room order, each once.
 */
export function createMessageStore(room: Room, pageSize = 50): MessageStore {
  let snapshot: MessagesSnapshot = { messages: [], hasMore: true, loading: false, error: undefined };
  let started = false;
  const listeners = new Set<() => void>();
  let stopListening: (() => void) | undefined;

  const update = (next: Partial<MessagesSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of [...listeners]) listener();
  };

  const loadOlder = async (): Promise<void> => {
    if (snapshot.loading || !snapshot.hasMore) return;
    update({ loading: true, error: undefined });
    try {
      const page = await room.history({ limit: pageSize, before: olderThan(snapshot.messages) });
      update({
        messages: mergeMessages(snapshot.messages, page.messages),
        hasMore: page.hasMore,
        loading: false,
      });
    } catch (reason) {
      const error = reason instanceof ChatError ? reason : new ChatError('internal', String(reason));
      update({ loading: false, error });
    }
  };

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      if (!stopListening) {
        const offMessage = room.on('message', (message) => {
          update({ messages: mergeMessages(snapshot.messages, [message]) });
        });
        // A guest became an account: its earlier messages held here show the account too.
        const offIdentity = room.on('identity', (link) => {
          update({ messages: snapshot.messages.map((message) => relabelMessage(message, link)) });
        });
        stopListening = () => {
          offMessage();
          offIdentity();
        };
      }
      if (!started) {
        started = true;
        void loadOlder();
      }
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0) {
          stopListening?.();
          stopListening = undefined;
        }
      };
    },
    getSnapshot: () => snapshot,
    loadOlder,
  };
}

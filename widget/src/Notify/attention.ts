import type { ChatMessage } from '@org/chat-sdk';
import { effect } from '@preact/signals';
import type { Coordinator, TabState } from '../Tabs/coordinator.js';
import type { SharedState } from '../Tabs/shared-state.js';

/** What a tab knows about the visitor's attention, and how it reacts to a new message. */
export interface Attention {
  /** A new live message in the room. */
  message(message: ChatMessage): void;
  /** The window was shown or hidden in this tab. */
  setShown(shown: boolean): void;
  /** Coordinates with `coordinator` from now on (the one of several tabs, once loaded). */
  use(coordinator: Coordinator): void;
  dispose(): void;
}

/** What attention is made from. */
export interface AttentionOptions {
  shared: SharedState;
  /** The signed-in visitor's id: their own messages are never unread. */
  userId: () => string | undefined;
  coordinator: Coordinator;
  /**
   * A message nobody has seen, counted once for all tabs; `hidden`: no tab of the visitor is visible;
   * `sound` plays the sound in the tab best placed to.
   */
  notify: (message: ChatMessage, hidden: boolean, sound: () => void) => void;
  doc?: Document;
}

/**
 * Decides what a message means for the visitor across tabs: seen, if a tab shows the open window on
 * screen; else unread, counted once in the shared state, and notified by the one tab that decides.
 */
export function createAttention(options: AttentionOptions): Attention {
  const { shared, doc = document } = options;
  let { coordinator } = options;
  let shown = false;
  let reported = '';

  const state = (): TabState => {
    const visible = doc.visibilityState === 'visible';
    return { visible, looking: shown && visible };
  };
  const seen = () => shared.update({ unread: [] });
  const report = () => {
    const now = state();
    if (now.looking) seen();
    const key = JSON.stringify(now);
    if (key === reported) return;
    reported = key;
    coordinator.report(now);
  };
  doc.addEventListener('visibilitychange', report);
  // Whatever made the count grow while this tab shows the window (a message another tab counted a
  // moment before this one was on screen, a write lost between tabs), the visitor sees it: clear it.
  const stopWatching = effect(() => {
    if (shared.values.value.unread.length && state().looking) seen();
  });

  return {
    message(message) {
      if (message.sender.id === options.userId()) return;
      if (state().looking) return seen();
      if (!coordinator.decides(message) || coordinator.othersLooking()) return;
      if (!shared.addUnread(message.id)) return;
      const deciding = coordinator;
      options.notify(message, !deciding.anyVisible(), () => deciding.sound());
    },
    setShown(value) {
      shown = value;
      report();
    },
    use(next) {
      coordinator.close();
      coordinator = next;
      reported = '';
      report();
    },
    dispose() {
      stopWatching();
      doc.removeEventListener('visibilitychange', report);
      coordinator.close();
    },
  };
}

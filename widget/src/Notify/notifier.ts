// A lazy chunk, loaded only when the site turns on a notification kind.
import type { ChatMessage } from '@org/chat-sdk';
import type { ReadonlySignal } from '@preact/signals';
import type { NotificationKind } from '../types.js';
import { playChime } from './chime.js';
import { notificationKinds } from './kinds.js';
import { showUnreadInTitle } from './page-title.js';
import { showSystemNotification } from './system-notification.js';

export { NotifyButton } from './notify-button.js';

/** The notifications of one chat window. */
export interface Notifier {
  /** Turns on exactly these kinds (an array, or a `data-notifications` string); returns them. */
  setKinds(kinds: unknown): readonly NotificationKind[];
  /**
   * A message nobody has seen, in the tab that decides for all: the sound (played by `sound`, in the
   * tab best placed to), and a system notification when no tab of the visitor is visible.
   */
  message(message: ChatMessage, hidden: boolean, sound: () => void): void;
  /** Plays the sound in this tab, if the sound is on. */
  play(): void;
  /** Turns everything off and restores the page's title. */
  dispose(): void;
}

/** What a notifier is made from. */
export interface NotifierOptions {
  /** The shared unread count. */
  unread: ReadonlySignal<number>;
  /** The chat's title, on system notifications. */
  title: string;
  /** A system notification was clicked: open the window. */
  onActivate: () => void;
}

/** Creates the notifier of a window; every kind starts off. */
export function createNotifier({ unread, title, onActivate }: NotifierOptions): Notifier {
  let kinds: readonly NotificationKind[] = [];
  let stopTitle: (() => void) | undefined;
  const on = (kind: NotificationKind) => kinds.includes(kind);
  return {
    setKinds(next) {
      kinds = notificationKinds(next);
      if (on('title')) stopTitle ??= showUnreadInTitle(unread);
      else {
        stopTitle?.();
        stopTitle = undefined;
      }
      return kinds;
    },
    message(message, hidden, sound) {
      if (on('sound')) sound();
      if (on('system') && hidden) showSystemNotification(message, title, onActivate);
    },
    play() {
      if (on('sound')) playChime();
    },
    dispose() {
      stopTitle?.();
      kinds = [];
    },
  };
}

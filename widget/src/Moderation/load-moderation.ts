import type { ChatMessage } from '@org/chat-sdk';
import type { ChatStore } from '../Chat/chat-store.js';
import { lazy } from '../Common/lazy.js';

/**
 * The moderation chunk (Moderation/tools.ts): the message menu and its dialogs, the composer's
 * notices (muted, slow mode), and refusals in words, with their English texts. Downloaded when first
 * needed: a menu opened, a refused or held message, a mute, slow mode.
 */
export const moderation = lazy(() => import('./tools.js'));

/** Opens the menu of `message` under its menu button (or closes it, if open): the chunk draws it. */
export function openTools(button: HTMLButtonElement, message: ChatMessage, store: ChatStore): void {
  void moderation.load().then((tools) => tools?.openTools(button, message, store));
}

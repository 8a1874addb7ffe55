import type { ChatWindowModule } from './internal.js';
import { embedChat } from './Launcher/embed.js';
import type { ChatWidgetHandle, ChatWidgetOptions } from './types.js';

// A separate chunk, so an app that embeds the widget pays for the chat window only when it opens.
const loadWindow = (): Promise<ChatWindowModule> => import('./Chat/mount-window.js');

/** Mounts the launcher (in `target`, else `document.body`); the chat window loads on first open. */
export function mountChatWidget(
  target: HTMLElement | undefined,
  options: ChatWidgetOptions,
): ChatWidgetHandle {
  return embedChat(target ?? document.body, options, loadWindow);
}

import type { ChatWindowModule } from './internal.js';
import { embedChat } from './Launcher/embed.js';
import type { ChatWidgetHandle, ChatWidgetOptions } from './types.js';

// A separate chunk, so an app that embeds the widget pays for the chat window only when it opens.
const loadWindow = (): Promise<ChatWindowModule> => import('./Chat/mount-window.js');

/**
 * Mounts the launcher (in `target`, else `document.body`); the chat window loads on first open.
 * Call as `mountChatWidget(options)` or `mountChatWidget(target, options)`.
 */
export function mountChatWidget(options: ChatWidgetOptions): ChatWidgetHandle;
export function mountChatWidget(
  target: HTMLElement | undefined,
  options: ChatWidgetOptions,
): ChatWidgetHandle;
export function mountChatWidget(
  first: HTMLElement | ChatWidgetOptions | undefined,
  second?: ChatWidgetOptions,
): ChatWidgetHandle {
  const [target, options] =
    second === undefined
      ? [undefined, first as ChatWidgetOptions]
      : [first as HTMLElement | undefined, second];
  return embedChat(target ?? document.body, options, loadWindow);
}

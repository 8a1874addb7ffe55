import type { ChatWindowHandle, ChatWindowOptions, LoadChatWindow } from '../internal.js';
import type { ChatWidgetHandle, ChatWidgetOptions } from '../types.js';
import { createHost } from './host.js';
import { createLauncher } from './launcher.js';

/**
 * Puts the widget on the page: a shadow-root host with the launcher, and the chat window loaded by
 * `loadWindow` the first time it opens. Shared by the CDN loader and the npm entry.
 */
export function embedChat(
  parent: HTMLElement,
  options: ChatWidgetOptions,
  loadWindow: LoadChatWindow,
): ChatWidgetHandle {
  const { host, root } = createHost(parent);
  const room = options.room || 'lobby';
  const windowOptions: ChatWindowOptions = {
    wsUrl: options.wsUrl,
    httpUrl: options.httpUrl,
    room,
    title: options.title || room,
    onClose: () => close(),
  };
  let chatWindow: ChatWindowHandle | undefined;
  let loading: Promise<ChatWindowHandle> | undefined;
  let isOpen = false;
  let destroyed = false;
  const launcher = createLauncher(root, () => (isOpen ? close() : open()));

  function load(): Promise<ChatWindowHandle> {
    loading ??= loadWindow().then((module) => {
      if (destroyed) throw new Error('chat widget was destroyed while loading');
      chatWindow = module.mountChatWindow(root, windowOptions);
      return chatWindow;
    });
    return loading;
  }

  function open(): void {
    if (destroyed || isOpen) return;
    isOpen = true;
    launcher.setExpanded(true);
    if (chatWindow) {
      chatWindow.show();
      return;
    }
    launcher.setBusy(true);
    load().then(
      (loaded) => {
        launcher.setBusy(false);
        // The user may have toggled it closed again while the chunk was on its way.
        if (isOpen) loaded.show();
      },
      (error: unknown) => {
        loading = undefined; // A later click retries (for example after a network blip).
        launcher.setBusy(false);
        isOpen = false;
        launcher.setExpanded(false);
        if (!destroyed) console.error('[chat-widget] could not load the chat window', error);
      },
    );
  }

  function close(): void {
    if (!isOpen) return;
    isOpen = false;
    // Only take focus back if it was inside the widget: a host page calling close() keeps its focus.
    const focusWasInside = root.activeElement !== null;
    launcher.setExpanded(false);
    chatWindow?.hide();
    if (focusWasInside) launcher.button.focus();
  }

  function destroy(): void {
    if (destroyed) return;
    destroyed = true;
    isOpen = false;
    chatWindow?.destroy();
    host.remove();
  }

  return { open, close, destroy };
}

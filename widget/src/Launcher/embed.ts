import { createEmitter } from '../Common/emitter.js';
import { LAUNCHER_STRINGS } from '../Common/i18n/launcher-strings.js';
import { pickLocale } from '../Common/i18n/locale.js';
import type { ChatWindowHandle, ChatWindowOptions, LoadChatWindow } from '../internal.js';
import { sharedStateKey } from '../Tabs/shared-key.js';
import type { ChatIdentity, ChatWidgetEvents, ChatWidgetHandle, ChatWidgetOptions } from '../types.js';
import { createHost } from './host.js';
import { createLauncher } from './launcher.js';
import { applyTheme } from './theme.js';

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
  applyTheme(host, options);
  const locale = pickLocale(options.locale);
  // On the host, so the shadow tree inherits it: screen readers pick the voice from `lang`.
  host.lang = locale;
  const events = createEmitter<ChatWidgetEvents>();
  const room = options.room || 'lobby';
  let identity: ChatIdentity | null | undefined = options.identity;
  let notifications: unknown = options.notifications;
  let unread = 0;
  let chatWindow: ChatWindowHandle | undefined;
  let loading: Promise<ChatWindowHandle> | undefined;
  let isOpen = false;
  let destroyed = false;
  const launcher = createLauncher(root, { ...LAUNCHER_STRINGS[locale], ...options.strings }, () => toggle());

  const setUnread = (count: number) => {
    if (count === unread) return;
    unread = count;
    launcher.setUnread(count);
    events.emit('unread', count);
  };

  const windowOptions = (): ChatWindowOptions => ({
    ...options,
    room,
    title: options.title || room,
    locale,
    formatting: options.formatting === true,
    identity,
    notifications,
    onClose: close,
    onMessage: (message) => events.emit('message', message),
    onUnread: setUnread,
    onActivate: open,
  });

  function load(): Promise<ChatWindowHandle> {
    loading ??= loadWindow()
      .then((module) => module.mountChatWindow(root, windowOptions()))
      .then((mounted) => {
        if (destroyed) {
          mounted.destroy();
          throw new Error('destroyed');
        }
        chatWindow = mounted;
        return mounted;
      });
    return loading;
  }

  function show(focus: boolean): void {
    if (destroyed || isOpen) return;
    isOpen = true;
    launcher.setExpanded(true);
    events.emit('open');
    if (chatWindow) {
      chatWindow.show(focus);
      return;
    }
    launcher.setBusy(true);
    load().then(
      (loaded) => {
        launcher.setBusy(false);
        // The user may have toggled it closed again while the chunk was on its way.
        if (isOpen) loaded.show(focus);
      },
      (error: unknown) => {
        loading = undefined; // A later click retries (for example after a network blip).
        launcher.setBusy(false);
        if (destroyed) return;
        isOpen = false;
        launcher.setExpanded(false);
        events.emit('close');
        console.error('[chat-widget]', error);
      },
    );
  }

  const open = () => show(true);

  function close(): void {
    if (!isOpen) return;
    isOpen = false;
    // Only take focus back if it was inside the widget: a host page calling close() keeps its focus.
    const focusWasInside = root.activeElement !== null;
    launcher.setExpanded(false);
    chatWindow?.hide();
    if (focusWasInside) launcher.button.focus();
    events.emit('close');
  }

  function toggle(): void {
    if (isOpen) close();
    else open();
  }

  function destroy(): void {
    if (destroyed) return;
    destroyed = true;
    isOpen = false;
    removeEventListener('storage', onStorage);
    chatWindow?.destroy();
    host.remove();
    events.clear();
  }

  // The visitor's other tabs (Tabs/shared-state.ts writes this key): the launcher shows their unread
  // count before the window ever loads here, and closes or opens with them. Opening follows only while
  // the opening is recent (`open` is when it expires), and only on large screens, where the window is a
  // panel beside the page: a page loaded on a phone does not start hidden behind a full-screen chat.
  // (innerWidth is the width media queries see; from 640 px the window is a panel.)
  const key = sharedStateKey(room);
  const sync = () => {
    try {
      const shared = JSON.parse(localStorage.getItem(key) as string);
      setUnread(shared.unread.length);
      if (!shared.open) close();
      else if (shared.open > Date.now() && innerWidth > 639) show(false);
    } catch {
      // Nothing shared yet, or no storage.
    }
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === key) sync();
  };
  addEventListener('storage', onStorage);
  if (options.open) show(false);
  sync();

  return {
    open,
    close,
    toggle,
    identify(next = null) {
      identity = next;
      chatWindow?.identify(next);
    },
    notifications(kinds) {
      notifications = kinds;
      chatWindow?.notifications(kinds);
    },
    on: events.on,
    get isOpen() {
      return isOpen;
    },
    get unread() {
      return unread;
    },
    destroy,
  };
}

import css from 'virtual:widget-css';
import { createChatClient } from '@org/chat-sdk';
import { computed, effect, signal } from '@preact/signals';
import { type FunctionComponent, render } from 'preact';
import { localNameStorage } from '../Auth/name-storage.js';
import { adoptStyles } from '../Common/adopt-styles.js';
import { loadDictionary } from '../Common/i18n/dictionary.js';
import { cognitoOptions } from '../cdn/cognito-attributes.js';
import type { ChatWindowHandle, ChatWindowOptions } from '../internal.js';
import { createAttention } from '../Notify/attention.js';
import type { Notifier } from '../Notify/notifier.js';
import type { NotifyButtonProps } from '../Notify/notify-button.js';
import { isNarrow, loadPhoneWindow } from '../Phone/phone-window.js';
import { soloCoordinator } from '../Tabs/coordinator.js';
import { watchOtherTabs } from '../Tabs/other-tabs.js';
import { REOPEN_WITHIN_MS } from '../Tabs/shared-key.js';
import { createSharedState } from '../Tabs/shared-state.js';
import { tabSockets } from '../Tabs/tab-socket.js';
import { createChatStore } from './chat-store.js';
import { ChatWindow } from './chat-window.js';

/** Mounts the chat window, hidden, into the widget's shadow root (the CDN app and the npm chunk). */
export async function mountChatWindow(
  root: ShadowRoot,
  options: ChatWindowOptions,
): Promise<ChatWindowHandle> {
  const { wsUrl, httpUrl, room } = options;
  const cognito = cognitoOptions(options);
  // On a phone the full-screen behaviours load alongside the texts, ready before the window shows;
  // on a site with account sign-in, so does its offer (a site of guests never downloads it).
  const [dictionary, offer] = await Promise.all([
    loadDictionary(options.locale, options.strings),
    cognito?.accounts &&
      import('../Auth/account-offer.js').then(
        (module) => module.accountOffer(cognito, httpUrl),
        // Without it the window still works, for guests.
        (error: unknown) => console.error('[chat-widget]', error),
      ),
    isNarrow() ? loadPhoneWindow() : undefined,
  ]);
  // The offer's English texts go under the dictionary's (its language's, the site's overrides).
  const strings = offer ? { ...offer.strings, ...dictionary } : dictionary;
  adoptStyles(root, css);
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  // Unread count, open window and drafts are the visitor's, not the tab's: shared by their tabs.
  const shared = createSharedState(room);
  let notifier: Notifier | undefined;
  const playSound = () => notifier?.play();
  // One connection for the visitor's tabs: plain until another tab is found, shared from then on.
  const sockets = tabSockets();
  const tabSync = signal<typeof import('../Tabs/tab-sync.js') | undefined>(undefined);
  // The visitor's other tabs, looked for before connecting; what coordinates them loads only once found.
  const [stopWatching, looked] = watchOtherTabs(room, () =>
    import('../Tabs/tab-sync.js').then((module) => {
      module.shareSockets(sockets, options.shareConnection);
      tabSync.value = module;
    }),
  );
  const store = createChatStore({
    room,
    names: localNameStorage(),
    strings,
    identity: options.identity,
    createClient:
      options.createClient ??
      ((auth) => createChatClient({ wsUrl, httpUrl, auth, WebSocket: sockets.WebSocket })),
    ...offer?.storeOptions,
    onMessage: (message) => {
      options.onMessage(message);
      attention.message(message);
    },
    draft: shared.bind('draft'),
    nameDraft: shared.bind('name'),
  });
  const attention = createAttention({
    shared,
    userId: () => store.user.peek()?.id,
    coordinator: soloCoordinator(playSound),
    notify: (message, hidden, sound) => notifier?.message(message, hidden, sound),
  });
  const unread = computed(() => shared.values.value.unread.length);
  // As given (an array, or the data-notifications string): the notifier chunk reads it.
  const kinds = signal<unknown>(options.notifications);
  const notifyButton = signal<FunctionComponent<NotifyButtonProps> | undefined>(undefined);
  const stops = [
    stopWatching,
    effect(() => options.onUnread(unread.value)),
    // Once in the room, with another of the visitor's tabs found: one tab counts and notifies for all.
    // Only tabs in the room take part: a tab still at the name prompt gets no messages to count.
    effect(() => {
      const module = tabSync.value;
      if (store.phase.value !== 'ready' || !module) return;
      attention.use(module.tabsCoordinator(room, playSound, attention.message));
      return () => attention.use(soloCoordinator(playSound));
    }),
    // Notifications load only when the site turns one on (`String` of [] or '' is empty).
    effect(() => {
      const wanted = kinds.value;
      if (!notifier && !String(wanted ?? '')) return;
      import('../Notify/notifier.js').then(
        (module) => {
          notifier ??= module.createNotifier({
            unread,
            title: options.title,
            onActivate: options.onActivate,
          });
          const on = notifier.setKinds(kinds.peek());
          notifyButton.value = on.includes('system') ? module.NotifyButton : undefined;
        },
        (error: unknown) => console.error('[chat-widget]', error),
      );
    }),
  ];
  const visible = signal({ shown: false, focus: false });
  render(
    <ChatWindow
      store={store}
      title={options.title}
      locale={options.locale}
      formatting={options.formatting}
      accounts={offer || undefined}
      visible={visible}
      notifyButton={notifyButton}
      onClose={options.onClose}
    />,
    mountPoint,
  );
  return {
    show(focus = true) {
      visible.value = { shown: true, focus };
      // Stamped again now and then, so the visitor's next page reopens a window they still use; read
      // fresh, since a tab opened by another's storage event may not have seen that event yet.
      shared.update((current) =>
        current.open - Date.now() < REOPEN_WITHIN_MS / 2 ? { open: Date.now() + REOPEN_WITHIN_MS } : {},
      );
      attention.setShown(true);
      looked.then(store.resume);
    },
    hide() {
      visible.value = { shown: false, focus: false };
      shared.update({ open: 0 });
      attention.setShown(false);
    },
    identify: store.identify,
    notifications(next) {
      kinds.value = next;
    },
    destroy() {
      render(null, mountPoint);
      for (const stop of stops) stop();
      notifier?.dispose();
      attention.dispose();
      shared.dispose();
      store.dispose();
      mountPoint.remove();
    },
  };
}

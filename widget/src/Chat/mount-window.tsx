import css from 'virtual:widget-css';
import { createChatClient } from '@org/chat-sdk';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { ACCOUNT_KEY, localNameStorage } from '../Auth/name-storage.js';
import { adoptStyles } from '../Common/adopt-styles.js';
import { loadDictionary } from '../Common/i18n/dictionary.js';
import { type ChatWindowHandle, type ChatWindowOptions, loadAccounts } from '../internal.js';
import { createChatStore } from './chat-store.js';
import { ChatWindow } from './chat-window.js';

/** Mounts the chat window, hidden, into the widget's shadow root (the CDN app and the npm chunk). */
export async function mountChatWindow(
  root: ShadowRoot,
  options: ChatWindowOptions,
): Promise<ChatWindowHandle> {
  const strings = await loadDictionary(options.locale, options.strings);
  adoptStyles(root, css);
  const mountPoint = document.createElement('div');
  root.append(mountPoint);
  const { wsUrl, httpUrl, cognito } = options;
  const account = localNameStorage(undefined, ACCOUNT_KEY);
  const store = createChatStore({
    room: options.room,
    names: localNameStorage(),
    strings,
    identity: options.identity,
    createClient: options.createClient ?? ((auth) => createChatClient({ wsUrl, httpUrl, auth })),
    // Only a visitor who signed in with an account before downloads the Cognito chunk on a return visit.
    restoreAccount:
      cognito?.accounts && account.load()
        ? () => loadAccounts(cognito).then((module) => module.restoreAccount(cognito, httpUrl))
        : undefined,
    endAccount: (auth) => {
      account.clear();
      (auth as { signOut?: () => void }).signOut?.();
    },
    onMessage: options.onMessage,
    onUnread: options.onUnread,
  });
  const visible = signal({ shown: false, focus: false });
  render(
    <ChatWindow
      store={store}
      title={options.title}
      locale={options.locale}
      formatting={options.formatting}
      cognito={cognito}
      visible={visible}
      onAccount={() => account.save('1')}
      onClose={options.onClose}
    />,
    mountPoint,
  );
  return {
    show(focus = true) {
      visible.value = { shown: true, focus };
      store.setVisible(true);
      store.resume();
    },
    hide() {
      visible.value = { shown: false, focus: false };
      store.setVisible(false);
    },
    identify: store.identify,
    destroy() {
      render(null, mountPoint);
      store.dispose();
      mountPoint.remove();
    },
  };
}

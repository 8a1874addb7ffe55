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
    // Only a visitor who signed in with an account before, on a site that persists accounts, downloads
    // the Cognito chunk on a return visit: without `persist` the tokens died with the last page.
    restoreAccount:
      cognito?.accounts && cognito.persist && account.load()
        ? () => loadAccounts(cognito).then((module) => module.restoreAccount(cognito, httpUrl))
        : undefined,
    endAccount: (auth) => {
      account.clear();
      // Signs out with Cognito, revoking the refresh token (cognitoAuth's signOut); a failed revocation
      // is logged: the tokens are gone from here either way. No import of the account forms: an app
      // without amazon-cognito-identity-js must still build.
      const signOut = (auth as { signOut?: () => Promise<void> }).signOut;
      signOut
        ?.call(auth)
        .catch((error: unknown) => console.error('[chat-widget] could not revoke the sign-in', error));
    },
    // A guest signing in has loaded the account chunk already: linking downloads nothing more.
    linkGuest: cognito?.accounts
      ? (guest, account) => loadAccounts(cognito).then((module) => module.linkGuest(httpUrl, guest, account))
      : undefined,
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
      onAccount={() => cognito?.persist && account.save('1')}
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

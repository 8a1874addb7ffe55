// Contracts between the launcher (plain DOM, always loaded) and the chat window (Preact, loaded on
// open). Not part of the public API: the CDN loader and its app chunk are always built together.
import type { AuthProvider, ChatClient, ChatMessage } from '@org/chat-sdk';
import type { Locale } from './Common/i18n/locale.js';
import type { Strings } from './Common/i18n/strings.js';
import type { ChatCognitoOptions, ChatIdentity } from './types.js';

/** The account forms' module, as `ChatCognitoOptions.accounts` loads it. */
export type AccountsModule = typeof import('./Auth/account-form.js');

/**
 * Loads the account forms through the app's `cognito.accounts`: the widget never imports them itself,
 * since they need amazon-cognito-identity-js, an optional peer the app may not have installed.
 */
export async function loadAccounts(cognito: ChatCognitoOptions): Promise<AccountsModule> {
  if (!cognito.accounts) throw new Error('account sign-in needs cognito.accounts');
  return (await cognito.accounts()) as AccountsModule;
}

/** What the chat window needs from whoever mounts it. */
export interface ChatWindowOptions {
  wsUrl: string;
  httpUrl: string;
  room: string;
  title: string;
  locale: Locale;
  strings?: Partial<Strings>;
  formatting: boolean;
  cognito?: ChatCognitoOptions;
  /** Who the page said the visitor is, if it did (`identify`); `null` after a sign-out. */
  identity?: ChatIdentity | null;
  /** Notification kinds on at mount, as given: an array, or the `data-notifications` string. */
  notifications: unknown;
  /** Whether to share the connection with the visitor's other tabs: `false`, or the string `'false'` of a data attribute, opts out. */
  shareConnection?: boolean | string;
  /** Called when the user closes the window from inside (Close button, Escape). */
  onClose: () => void;
  /** Called for every new live message. */
  onMessage: (message: ChatMessage) => void;
  /** Called when the unread count (shared by the visitor's tabs) changes. */
  onUnread: (count: number) => void;
  /** Called when a system notification is clicked: the window should open. */
  onActivate: () => void;
  /** Makes the SDK client; tests pass a fake. Default: `createChatClient` with the URLs above. */
  createClient?: (auth: AuthProvider) => ChatClient;
}

/** A mounted chat window; it starts hidden. */
export interface ChatWindowHandle {
  /** Shows the window; moves focus into it unless `focus` is false. */
  show(focus?: boolean): void;
  /** Hides the window; its connection stays up. */
  hide(): void;
  /** Switches to the identity the page set (see `ChatWidgetHandle.identify`). */
  identify(identity: ChatIdentity | null): void;
  /** Turns on exactly these notification kinds (an array, or a `data-notifications` string). */
  notifications(kinds: unknown): void;
  /** Unmounts the window and closes its connection. */
  destroy(): void;
}

/** The module the launcher loads on demand (the CDN app chunk, or a lazy chunk in the npm build). */
export interface ChatWindowModule {
  mountChatWindow(root: ShadowRoot, options: ChatWindowOptions): Promise<ChatWindowHandle>;
}

/** Loads the chat window module; called at most once per successful load. */
export type LoadChatWindow = () => Promise<ChatWindowModule>;

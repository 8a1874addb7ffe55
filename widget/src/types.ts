import type { AuthProvider, ChatMessage } from '@org/chat-sdk';
import type { Strings } from './Common/i18n/strings.js';

export type { Strings } from './Common/i18n/strings.js';

/** Light, dark, or following the visitor's system setting (`prefers-color-scheme`). */
export type ChatTheme = 'light' | 'dark' | 'auto';

/** Which bottom corner the launcher and the panel sit in. */
export type ChatPosition = 'left' | 'right';

/** The module `@org/chat-widget/accounts` (its contents are the widget's own business). */
export interface ChatAccountsModule {
  readonly AccountForm: unknown;
  readonly restoreAccount: unknown;
  readonly linkGuest: unknown;
}

/**
 * A notification of new messages for a visitor who is not looking at the chat:
 * - `title`: the unread count before the page's title, `(2) Shop`, while the tab is hidden;
 * - `sound`: a short chime, once for all the visitor's tabs, once the visitor has clicked or typed in
 *   the page (browsers allow no sound before), and never under `prefers-reduced-motion: reduce`;
 * - `system`: a system notification while no tab of the site is visible; the window offers the visitor
 *   a button that asks the browser's permission (never asked without that click).
 */
export type NotificationKind = 'title' | 'sound' | 'system';

/** The Cognito user pool behind the optional sign-in and sign-up (loaded only when a visitor uses it). */
export interface ChatCognitoOptions {
  userPoolId: string;
  clientId: string;
  /** Another Cognito endpoint (for example cognito-local during development). */
  endpoint?: string;
  /** `USER_SRP_AUTH` on AWS (the default); `USER_PASSWORD_AUTH` for cognito-local, which has no SRP. */
  authFlow?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';
  /**
   * Keep a signed-in visitor signed in across reloads (default false: tokens live in memory and a
   * reload asks again). Persisting puts the refresh token, valid 30 days, in the host page's
   * localStorage, where every script of the page can read it: only on pages whose scripts you trust.
   */
  persist?: boolean;
  /**
   * Loads the account forms: `() => import('@org/chat-widget/accounts')`, which needs the app to
   * install `amazon-cognito-identity-js`. Without it the widget offers no account sign-in, and the app
   * builds without that package. The CDN script always has it.
   */
  accounts?: () => Promise<ChatAccountsModule>;
}

/**
 * Who the visitor chats as, set by the host page with `identify`:
 * - `{ name }`: a guest with this name (no name prompt);
 * - `{ getToken }`: the page's own login; returns a token the chat backend accepts (a Cognito token of
 *   its pool), called before every connection, with `fresh` true when the last one was refused;
 * - `{ auth }`: the same as an `@org/chat-sdk` AuthProvider, for apps that use the SDK.
 */
export type ChatIdentity =
  | { name: string }
  | { getToken: (fresh: boolean) => Promise<string> | string }
  | { auth: AuthProvider };

/** Options of `mountChatWidget` (the CDN script reads the same from its `data-*` attributes). */
export interface ChatWidgetOptions {
  /** The WebSocket API, e.g. `wss://chat.example.com`. */
  wsUrl: string;
  /** The HTTP API that issues guest tokens, e.g. `https://api.example.com`. */
  httpUrl: string;
  /** The public room to chat in (default `lobby`). */
  room?: string;
  /** Title shown in the chat window's header (default: the room id). */
  title?: string;
  /** Language (`en`, `fr`, `de`, or a tag such as `fr-CA`); default: the visitor's browser language. */
  locale?: string;
  /** Replaces any of the texts of the chosen language. */
  strings?: Partial<Strings>;
  /** Colour scheme (default `auto`). */
  theme?: ChatTheme;
  /** Corner (default `right`). */
  position?: ChatPosition;
  /** Accent colour of the launcher, header and own messages (any CSS colour; default indigo). */
  accentColor?: string;
  /** Text colour on the accent colour (default white); pick one with 4.5:1 contrast. */
  accentTextColor?: string;
  /** Corner radius of the panel (a CSS length, default `16px`). */
  radius?: string;
  /** Font family of the widget (default: the system UI font). */
  font?: string;
  /** Light formatting in messages: links, **bold**, *italic* and `code` (default false). */
  formatting?: boolean;
  /** Offers sign-in and sign-up with this Cognito user pool besides the guest name prompt. */
  cognito?: ChatCognitoOptions;
  /** Who the visitor is, when the page knows (same as calling `identify` at once). */
  identity?: ChatIdentity;
  /**
   * Opens the window at once (without moving focus into it). A window the visitor opened or closed in
   * another tab of the site wins: see "Across tabs" in the README.
   */
  open?: boolean;
  /** Notification kinds to turn on (default none); see `NotificationKind`. */
  notifications?: NotificationKind[];
  /**
   * Share one connection with the visitor's other tabs of the site (default true): one WebSocket per
   * browser, held by one tab. `false` (`data-share-connection="false"`): this page keeps its own.
   */
  shareConnection?: boolean;
}

/** Events of a mounted widget and what their listeners receive. */
export interface ChatWidgetEvents {
  /** A new message in the room (live, from anyone), once the window has been opened once. */
  message: ChatMessage;
  open: undefined;
  close: undefined;
  /** Messages from others the visitor has not seen in any tab; 0 again once the window shows them. */
  unread: number;
}

/** Controls a mounted widget. */
export interface ChatWidgetHandle {
  /** Opens the chat window, loading it first if needed, and moves focus into it. */
  open(): void;
  /** Closes the chat window; the connection stays up so no message is missed. */
  close(): void;
  /** Opens the window when closed, closes it when open. */
  toggle(): void;
  /** Sets who the visitor chats as (see `ChatIdentity`); `null` (or nothing) signs out. */
  identify(identity?: ChatIdentity | null): void;
  /** Turns on exactly these notification kinds (`[]`: none). */
  notifications(kinds: NotificationKind[]): void;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof ChatWidgetEvents>(
    event: K,
    listener: (payload: ChatWidgetEvents[K]) => void,
  ): () => void;
  /** Whether the window is open. */
  readonly isOpen: boolean;
  /** The unread count shown on the launcher (shared by the visitor's tabs). */
  readonly unread: number;
  /** Disconnects and removes the widget from the page. */
  destroy(): void;
}

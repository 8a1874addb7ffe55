/** @org/chat-widget: the embeddable chat widget (Preact in a Shadow DOM) built on @org/chat-sdk. */
export { ChatWidget } from './chat-widget.js';
export { mountChatWidget } from './mount.js';
export type {
  ChatAccountsModule,
  ChatCognitoOptions,
  ChatIdentity,
  ChatPosition,
  ChatTheme,
  ChatWidgetEvents,
  ChatWidgetHandle,
  ChatWidgetOptions,
  NotificationKind,
  Strings,
} from './types.js';
export type { ChatWidgetProps } from './widget-props.js';

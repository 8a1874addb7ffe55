/** @org/chat-widget: the embeddable chat widget (Preact in a Shadow DOM) built on @org/chat-sdk. */
export { mountChatWidget } from './mount.js';
export type { ChatWidgetHandle, ChatWidgetOptions } from './types.js';

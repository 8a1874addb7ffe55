/**
 * `@org/chat-sdk/react`: hooks for React 18 and 19 apps that draw their own chat UI, built on
 * `useSyncExternalStore`. Server-render safe: nothing connects or touches `window` while rendering, and
 * on the server every hook returns its empty value. The built file starts with "use client".
 */
export type { ExternalStore } from './external-store.js';
export type { MessagesSnapshot } from './message-store.js';
export { type ChatClientState, useChatClient } from './use-chat-client.js';
export { type UseMessagesOptions, type UseMessagesResult, useMessages } from './use-messages.js';
export { useOutbox } from './use-outbox.js';
export { usePresence } from './use-presence.js';
export { type JoinedRoom, useRoom } from './use-room.js';
export { type UseTypingOptions, type UseTypingResult, useTyping } from './use-typing.js';

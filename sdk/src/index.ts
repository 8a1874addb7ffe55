/** @org/chat-sdk: a framework-agnostic chat client for browsers and Node. */
export { type GuestAuthOptions, guestAuth } from './auth/guest.js';
export type { AuthContext, AuthProvider, AuthSession } from './auth/provider.js';
export {
  type ChatClient,
  type ChatClientEvents,
  type ChatClientOptions,
  type ConnectionState,
  createChatClient,
} from './client.js';
export { ChatError, type ChatErrorCode } from './errors.js';
export type { ErrorCode } from './protocol/errors.js';
export type { ChatMessage, ChatUser, Sender } from './protocol/types.js';
export type { HistoryOptions, HistoryPage, Room, RoomEvents } from './room.js';
export type { WebSocketConstructor } from './transport.js';

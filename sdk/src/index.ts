/** @org/chat-sdk: a framework-agnostic chat client for browsers and Node. */
export { type GuestAuth, type GuestAuthOptions, guestAuth } from './auth/guest.js';
export { type LinkGuestOptions, linkGuest } from './auth/link.js';
export type { AuthContext, AuthProvider, AuthSession } from './auth/provider.js';
export type { KeyValueStorage } from './auth/storage.js';
export { tokenAuth } from './auth/token.js';
export {
  type ChatClient,
  type ChatClientEvents,
  type ChatClientOptions,
  type ConnectionState,
  type CreateRoomOptions,
  createChatClient,
  type StateChange,
} from './client.js';
export type { ConnectionTiming, WebSocketConstructor } from './connection/connection.js';
export type { StateReason } from './connection/states.js';
export { ChatError, type ChatErrorCode } from './errors.js';
export {
  type AuditPage,
  type BanOptions,
  banUser,
  deleteMessage,
  editMessage,
  type LiftOptions,
  listReports,
  type ModerationNotice,
  type MuteOptions,
  muteUser,
  type ResolveOptions,
  type RoomOption,
  type RoomSettingsChange,
  readAudit,
  reportMessage,
  resolveReport,
  setRole,
  setSlowMode,
  type Target,
  unbanUser,
  unmuteUser,
  updateRoomSettings,
} from './moderation.js';
export type { ErrorCode } from './protocol/errors.js';
export type {
  AuditAction,
  AuditEntry,
  HookFailurePolicy,
  LinkPolicy,
  ModerationKind,
  Report,
  Resolution,
  RoomSettings,
} from './protocol/index.js';
export { type IdentityLink, relabelMessage } from './protocol/links.js';
export type {
  ChatMessage,
  ChatUser,
  LinkResult,
  RemovedReason,
  RoomInfo,
  RoomRole,
  Sender,
} from './protocol/types.js';
export type { HistoryOptions, HistoryPage, OutgoingMessage, Room, RoomEvents } from './room.js';

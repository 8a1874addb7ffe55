import { type ChatClient, type ChatClientOptions, createChatClient } from '../client.js';
import type { WebSocketConstructor } from '../connection/connection.js';
import { type SharedWebSocketClass, type SharedWebSocketOptions, sharedWebSocket } from './shared-socket.js';

/** Options of `sharedChatClient`: those of `createChatClient`, and whether to share. */
export interface SharedChatClientOptions extends ChatClientOptions {
  /**
   * Share one WebSocket with this origin's other tabs signed in as the same identity (default true);
   * false: this page keeps a connection of its own, as `createChatClient` does.
   */
  shareConnection?: boolean;
  /** Election and connection timings, and fake browser APIs for tests. */
  tabs?: Omit<SharedWebSocketOptions, 'WebSocket'>;
}

/** One shared class per real WebSocket class: every client of a page shares through the same groups. */
const byNative = new WeakMap<WebSocketConstructor, SharedWebSocketClass>();

/**
 * A chat client whose connection is shared by this origin's tabs signed in as the same identity: one
 * WebSocket, held by one of them, for all (see the README's "One WebSocket per browser"). The client
 * behaves as `createChatClient`'s in every way; only its socket is shared. Without BroadcastChannel, or
 * with `shareConnection: false`, it is exactly `createChatClient`'s.
 */
export function sharedChatClient({
  shareConnection = true,
  tabs,
  ...options
}: SharedChatClientOptions): ChatClient {
  const Native = options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
  const channels = tabs?.environment !== undefined || typeof BroadcastChannel === 'function';
  if (!shareConnection || !Native || !channels) return createChatClient(options);
  let Shared = tabs ? undefined : byNative.get(Native);
  if (!Shared) {
    Shared = sharedWebSocket({ ...tabs, WebSocket: Native });
    if (!tabs) byNative.set(Native, Shared);
  }
  return createChatClient({ ...options, WebSocket: Shared });
}

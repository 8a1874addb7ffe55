/** The Node entry: the same API, with the `ws` package as WebSocket where Node has no global one. */
// The named export exists in both ws's CommonJS and ES entry points; the default import does not.
import { WebSocket as NodeWebSocket } from 'ws';
import { type ChatClient, type ChatClientOptions, createChatClient as createBase } from './client.js';
import type { WebSocketConstructor } from './connection/connection.js';

export * from './index.js';

/** Creates a chat client; in Node 20 it uses the `ws` package unless `options.WebSocket` is given. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const fallback = (globalThis.WebSocket ?? NodeWebSocket) as unknown as WebSocketConstructor;
  return createBase({ ...options, WebSocket: options.WebSocket ?? fallback });
}

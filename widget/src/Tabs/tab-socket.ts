import type { WebSocketConstructor } from '@org/chat-sdk';
import type { SharedWebSocketClass } from '@org/chat-sdk/tabs';

/** The WebSocket class of this tab's chat clients, and the switch to sharing. */
export interface TabSockets {
  /** Plain WebSockets until `share` is called; the shared ones from then on. */
  readonly WebSocket: WebSocketConstructor;
  /** Shares from now on (once the visitor's other tabs were found): the open socket is adopted. */
  share(shared: SharedWebSocketClass): void;
}

/**
 * Sockets that start plain and become shared with the visitor's other tabs once those are found (the
 * sharing code loads with the tab-sync chunk, only then). The socket opened meanwhile is handed to the
 * sharing layer, which keeps it as the shared connection if this tab leads, so a tab that was alone
 * does not reconnect when a second one opens.
 */
export function tabSockets(): TabSockets {
  let shared: SharedWebSocketClass | undefined;
  let plain: Parameters<SharedWebSocketClass['adopt']> | undefined;
  // A function, not a class: `new` returns the socket it makes (a shared one is not a WebSocket).
  function TabSocket(url: string, protocols?: string | string[]) {
    if (shared) return new shared(url, protocols);
    const socket = new WebSocket(url, protocols);
    plain = [socket, url, protocols];
    return socket;
  }
  return {
    WebSocket: TabSocket as unknown as WebSocketConstructor,
    share(next) {
      shared = next;
      if (plain) next.adopt(...plain);
    },
  };
}

import type { Endpoint } from './relay.js';

/** A WebSocket taken over by the relay: its own send and close, and the side of the one holding it. */
export interface Interposed {
  /** Sends on the socket itself. */
  send(text: string): void;
  /** Closes the socket itself. */
  close(): void;
  /** Reaches the holder's handlers, as a socket of its own would. */
  endpoint: Endpoint;
}

/**
 * Puts the relay between a WebSocket and the SDK Connection holding it, without closing it: the socket
 * becomes the shared connection, and its holder, from then on, one of the sockets sharing it. Its
 * `send` and `close` now go to `holder`; the handlers the holder set (and sets later: a Connection
 * clears them before closing) receive only what the relay delivers to it, while the relay listens to
 * the socket itself with listeners of its own. Used when a page that connected alone finds another of
 * its tabs: its connection stays, with no reconnect and nothing for the person's presence to notice.
 */
export function interpose(
  socket: WebSocket,
  holder: { send(text: string): void; close(code?: number): void },
): Interposed {
  const send = socket.send.bind(socket);
  const close = socket.close.bind(socket);
  let onmessage = socket.onmessage;
  let onclose = socket.onclose;
  // Off the socket itself (set before the properties below shadow them on this instance).
  socket.onmessage = null;
  socket.onclose = null;
  Object.defineProperties(socket, {
    onmessage: {
      configurable: true,
      get: () => onmessage,
      set: (handler: typeof onmessage) => {
        onmessage = handler;
      },
    },
    onclose: {
      configurable: true,
      get: () => onclose,
      set: (handler: typeof onclose) => {
        onclose = handler;
      },
    },
    send: { configurable: true, value: (text: string) => holder.send(text) },
    close: { configurable: true, value: (code?: number) => holder.close(code) },
  });
  return {
    send,
    close: () => close(),
    endpoint: {
      opened() {
        // The holder heard the socket open itself (its `onopen` is the socket's own).
      },
      deliver: (text) => onmessage?.call(socket, { data: text } as MessageEvent),
      closed: () => onclose?.call(socket, { code: 1006, reason: '', wasClean: false } as CloseEvent),
    },
  };
}

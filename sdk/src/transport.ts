import ReconnectingWebSocket from 'reconnecting-websocket';
import { Emitter } from './emitter.js';
import { ChatError } from './errors.js';
import { SUBPROTOCOL } from './protocol/limits.js';

/** The standard WebSocket constructor shape: browsers' global, or the `ws` package in Node. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/** Events of a transport. */
export interface TransportEvents {
  open: undefined;
  close: undefined;
  message: string;
  /** Authentication failed for good (for example a refused guest name): the transport stopped. */
  fatal: ChatError;
}

/** Options of a transport. */
export interface TransportOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  /** Called before every attempt; the token rides as the second subprotocol. */
  nextToken: () => Promise<string>;
}

/** A self-reconnecting socket that fetches a fresh token before each attempt. */
export interface Transport extends Emitter<TransportEvents> {
  /** Sends when open; returns false when the socket is not open. */
  send(text: string): boolean;
  close(): void;
}

// Transient auth failures (network down, 5xx) are retried at this pace; rws would stall on a rejection.
const TOKEN_RETRY_MS = [500, 1000, 2000, 5000, 10000];

/** Opens a transport; it keeps reconnecting with backoff until `close()`. */
export function openTransport(options: TransportOptions): Transport {
  const events = new Emitter<TransportEvents>();
  let token = '';
  let closed = false;

  // reconnecting-websocket fixes `protocols` at construction, so a refreshed token cannot ride its
  // options: this constructor reads the token fetched by the URL provider just before each attempt.
  const TokenSocket = function TokenSocket(url: string) {
    return new options.WebSocket(url, [SUBPROTOCOL, token]);
  } as unknown as WebSocketConstructor;
  Object.assign(TokenSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });

  const urlProvider = async (): Promise<string> => {
    for (let attempt = 0; !closed; attempt++) {
      try {
        token = await options.nextToken();
        return options.url;
      } catch (error) {
        const chatError = error instanceof ChatError ? error : new ChatError('network', String(error));
        if (chatError.code !== 'network' && chatError.code !== 'internal') {
          events.emit('fatal', chatError);
          socket.close();
          return options.url;
        }
        await new Promise((resolve) => setTimeout(resolve, TOKEN_RETRY_MS[Math.min(attempt, 4)]));
      }
    }
    return options.url;
  };

  const socket = new ReconnectingWebSocket(urlProvider, undefined, {
    WebSocket: TokenSocket,
    minReconnectionDelay: 250 + Math.random() * 750,
    maxReconnectionDelay: 10_000,
    reconnectionDelayGrowFactor: 1.6,
    connectionTimeout: 5_000,
  });
  socket.addEventListener('open', () => events.emit('open', undefined));
  socket.addEventListener('close', () => events.emit('close', undefined));
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') events.emit('message', event.data);
  });

  return Object.assign(events, {
    send(text: string): boolean {
      if (socket.readyState !== 1) return false;
      socket.send(text);
      return true;
    },
    close(): void {
      closed = true;
      socket.close(1000, 'client closed');
    },
  });
}

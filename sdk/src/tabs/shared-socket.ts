import { decodeClaims } from '../auth/jwt.js';
import type { WebSocketConstructor } from '../connection/connection.js';
import { SUBPROTOCOL } from '../protocol/limits.js';
import type { TabsEnvironment } from './environment.js';
import type { RelayTiming } from './relay.js';
import { SocketGroup } from './socket-group.js';
import type { TabsTiming } from './tabs.js';

/** Options of `sharedWebSocket`. */
export interface SharedWebSocketOptions {
  /** The real WebSocket class, for the leader's connection (default: the global one). */
  WebSocket?: WebSocketConstructor;
  /** Timings of the tabs' election (`createTabs`). */
  timing?: Partial<TabsTiming>;
  /** Timings of the leader's connection. */
  relay?: Partial<RelayTiming>;
  /** The browser APIs the tabs use; tests pass fakes. */
  environment?: TabsEnvironment;
}

/** A WebSocket class for the SDK client (`createChatClient`'s `WebSocket` option) whose sockets share. */
export interface SharedWebSocketClass extends WebSocketConstructor {
  /**
   * Takes in a socket this page opened with the plain WebSocket class, before it started sharing
   * (`url` and `protocols` as it was opened with): it stays this tab's connection, now shared, if this
   * tab becomes the leader; else it closes, and its client reconnects through the leader.
   */
  adopt(socket: WebSocket, url: string, protocols?: string | string[]): void;
  /** This page leaves every group (its clients reconnect on their own sockets if they go on). */
  close(): void;
}

/** The identity a token names (its `sub`), or undefined when it names none that can be read. */
function identityOf(protocols: string | string[] | undefined): string | undefined {
  const [protocol, token] = Array.isArray(protocols) ? protocols : [protocols];
  if (protocol !== SUBPROTOCOL || !token) return undefined;
  try {
    const { sub } = decodeClaims(token);
    return typeof sub === 'string' && sub ? sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A WebSocket class that makes the SDK clients of this origin's tabs, signed in as one identity to one
 * service, share one connection: the leader among those tabs (`@org/chat-sdk/tabs`) holds it, every
 * client keeps its own rooms, cursors and outbox and talks through it (see SocketGroup and Relay).
 * Tabs are grouped by the URL and the token's subject, so tabs signed in differently never share. A
 * token it cannot read gets a plain socket of its own.
 */
export function sharedWebSocket(options: SharedWebSocketOptions = {}): SharedWebSocketClass {
  const groups = new Map<string, SocketGroup>();
  const Native = options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);

  function groupFor(url: string, protocols: string | string[] | undefined): SocketGroup | undefined {
    const identity = identityOf(protocols);
    if (!identity || !Native) return undefined;
    const name = `org-chat:${url}:${identity}`;
    let group = groups.get(name);
    if (!group) {
      const made = new SocketGroup({
        name,
        url,
        WebSocket: Native,
        timing: options.timing,
        relay: options.relay,
        environment: options.environment,
        sameIdentity: (offered) => identityOf(offered) === identity,
        onEmpty: () => {
          if (groups.get(name) === made) groups.delete(name);
          made.close();
        },
      });
      groups.set(name, made);
      group = made;
    }
    return group;
  }

  function SharedWebSocket(url: string, protocols?: string | string[]): WebSocket {
    const group = groupFor(url, protocols);
    if (group)
      return group.open(Array.isArray(protocols) ? protocols : [protocols ?? '']) as unknown as WebSocket;
    if (!Native) throw new Error('no WebSocket available');
    return new Native(url, protocols);
  }
  return Object.assign(SharedWebSocket as unknown as WebSocketConstructor, {
    adopt(socket: WebSocket, url: string, protocols?: string | string[]) {
      if (socket.readyState <= 1) groupFor(url, protocols)?.adopt(socket);
    },
    close() {
      for (const group of groups.values()) group.close();
      groups.clear();
    },
  });
}

import type { WebSocketConstructor } from '../connection/connection.js';
import { interpose } from './adopt.js';
import type { TabsEnvironment } from './environment.js';
import { lead } from './lead.js';
import { type Endpoint, Relay, type RelayTiming } from './relay.js';
import { parseSocketMessage, SOCKET_TOPIC, type SocketMessage } from './socket-messages.js';
import { createTabs, type Tabs, type TabsTiming } from './tabs.js';
import { VirtualSocket } from './virtual-socket.js';

/** What a group is made from. */
export interface SocketGroupOptions {
  /** The tabs group's name: the service's URL and the identity, so only tabs signed in alike share. */
  name: string;
  url: string;
  /** The real WebSocket class, for the leader's connection. */
  WebSocket: WebSocketConstructor;
  timing?: Partial<TabsTiming>;
  relay?: Partial<RelayTiming>;
  environment?: TabsEnvironment;
  /** Whether another tab's socket offers the same identity (its token rides in the subprotocols). */
  sameIdentity(protocols: string[]): boolean;
  /** Called when the last client of this tab in the group closed: the group is then closed. */
  onEmpty(): void;
}

/** Closing with this code is a Connection closing for good (its client closed, or failed). */
const CLOSED_FOR_GOOD = 1000;

/**
 * This tab's part in sharing one WebSocket among the tabs signed in as one identity: a tabs group
 * (`@org/chat-sdk/tabs`) whose leader holds the connection in a Relay, and this tab's sockets, each
 * the socket of one SDK Connection. A socket asks the leader for the connection and waits while no
 * leader is known; when the leader changes, open sockets close (their clients reconnect through the
 * next leader and resume) and waiting ones ask the next leader.
 */
export class SocketGroup {
  readonly tabs: Tabs<undefined, never>;
  #options: SocketGroupOptions;
  #sockets = new Map<number, VirtualSocket>();
  #next = 0;
  #relay: Relay | undefined;
  /** The leader's view of live tabs, to detach the sockets of tabs that went. */
  #members = new Set<string>();
  /** A socket opened before this tab shared, waiting to be taken in or closed once a leader is known. */
  #adoptee: WebSocket | undefined;
  /** The key of the adopted socket, while its holder uses it. */
  #adopted: string | undefined;
  #stopLeading: () => void;
  #offs: Array<() => void>;
  #closed = false;

  constructor(options: SocketGroupOptions) {
    this.#options = options;
    this.tabs = createTabs<undefined, never>({
      name: options.name,
      parseMessage: () => undefined, // none: everything travels on the socket topic
      timing: options.timing,
      environment: options.environment,
    });
    // First, so the relay exists before this group hands its sockets to a new leader.
    this.#stopLeading = lead(this.tabs, () => {
      const relay = new Relay({
        url: options.url,
        WebSocket: options.WebSocket,
        timing: options.relay,
        broadcast: (text, except) => this.#post(undefined, { k: 'live', text, except }),
      });
      this.#relay = relay;
      this.#members = new Set();
      return () => {
        this.#relay = undefined;
        relay.stop();
      };
    });
    this.#offs = [
      this.tabs.on('leader', () => this.#leaderChanged()),
      this.tabs.on('message', ({ from, topic, data }) => {
        if (topic !== SOCKET_TOPIC) return;
        const message = parseSocketMessage(data);
        if (message) this.#receive(from, message);
      }),
      this.tabs.on('members', (members) => {
        for (const tab of this.#members) if (!members.has(tab)) this.#relay?.detachTab(tab);
        this.#members = new Set(members.keys());
      }),
    ];
    this.#leaderChanged();
  }

  /** A new socket for a Connection of this tab. */
  open(protocols: string[]): VirtualSocket {
    const socket = new VirtualSocket(this.#next++, protocols, {
      send: (from, text) => this.#send(from, text),
      close: (from, code) => this.#close(from, code),
      gone: (from) => this.#sockets.delete(from.number),
    });
    this.#sockets.set(socket.number, socket);
    this.#ask(socket);
    return socket;
  }

  /**
   * Takes in a socket this tab opened before it shared: once a leader is known, it becomes the
   * leader's connection if this tab leads and has none yet, else it is closed (its client reconnects
   * through the leader).
   */
  adopt(socket: WebSocket): void {
    if (this.#adoptee) closeOnceOpen(this.#adoptee);
    this.#adoptee = socket;
    this.#decideAdoption();
  }

  /** Leaves the group: this tab's sockets close, and a leading tab's connection with them. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const off of this.#offs) off();
    this.#stopLeading();
    this.tabs.close();
    if (this.#adoptee) closeOnceOpen(this.#adoptee);
    this.#adoptee = undefined;
    for (const socket of [...this.#sockets.values()]) socket.closed();
  }

  #key(socket: number, tab = this.tabs.id): string {
    return `${tab} ${socket}`;
  }

  /** Asks the leader, when known, to open the connection for `socket`. */
  #ask(socket: VirtualSocket): void {
    const leader = this.tabs.leaderId;
    if (!leader) return;
    if (leader === this.tabs.id)
      this.#relay?.attach(this.#key(socket.number), socket, socket.protocols, true);
    else this.#post(leader, { k: 'open', s: socket.number, protocols: socket.protocols });
  }

  #send(socket: VirtualSocket, text: string): void {
    const leader = this.tabs.leaderId;
    if (leader === this.tabs.id) {
      if (!this.#relay?.send(this.#key(socket.number), text)) socket.closed();
    } else if (leader) this.#post(leader, { k: 'send', s: socket.number, text });
    else socket.closed();
  }

  #close(socket: VirtualSocket, code: number | undefined): void {
    this.#sockets.delete(socket.number);
    const leader = this.tabs.leaderId;
    if (leader === this.tabs.id) this.#relay?.detach(this.#key(socket.number));
    else if (leader) this.#post(leader, { k: 'close', s: socket.number });
    this.#closedForGood(code);
  }

  /** A client of this tab closed for good: with none left here, this tab leaves the group. */
  #closedForGood(code: number | undefined): void {
    if (code !== CLOSED_FOR_GOOD || this.#sockets.size > 0 || this.#adopted || this.#adoptee) return;
    this.#options.onEmpty();
  }

  #leaderChanged(): void {
    for (const socket of [...this.#sockets.values()]) {
      // An open socket was served by the previous leader: closed, so its client reconnects and resumes.
      if (socket.readyState === 1) socket.closed();
      else if (socket.readyState === 0) this.#ask(socket);
    }
    this.#decideAdoption();
  }

  #decideAdoption(): void {
    const socket = this.#adoptee;
    const leader = this.tabs.leaderId;
    if (!socket || !leader) return;
    this.#adoptee = undefined;
    if (socket.readyState > 1) return;
    const relay = this.#relay;
    if (leader !== this.tabs.id || !relay || relay.connected) {
      closeOnceOpen(socket);
      return;
    }
    const key = this.#key(this.#next++);
    this.#adopted = key;
    const taken = interpose(socket, {
      send: (text) => {
        if (!this.#relay?.send(key, text)) taken.endpoint.closed();
      },
      close: (code) => {
        if (this.#adopted !== key) return;
        this.#adopted = undefined;
        this.#relay?.detach(key);
        this.#closedForGood(code);
      },
    });
    relay.adopt(key, socket, taken, taken.endpoint);
  }

  #receive(from: string, message: SocketMessage): void {
    const relay = this.#relay;
    if (relay) {
      // Leading: requests from the other tabs' sockets.
      const key = this.#key('s' in message ? message.s : 0, from);
      if (message.k === 'open') {
        if (this.#options.sameIdentity(message.protocols))
          relay.attach(key, this.#endpointOf(from, message.s), message.protocols, false);
        else this.#post(from, { k: 'closed', s: message.s });
      } else if (message.k === 'send' && !relay.send(key, message.text))
        this.#post(from, { k: 'closed', s: message.s });
      else if (message.k === 'close') relay.detach(key);
      return;
    }
    // Following: only the leader's word counts (a previous leader, woken up, may still be talking).
    if (from !== this.tabs.leaderId) return;
    if (message.k === 'live') {
      for (const socket of this.#sockets.values()) {
        if (this.#key(socket.number) !== message.except) socket.deliver(message.text);
      }
      return;
    }
    const socket = 's' in message ? this.#sockets.get(message.s) : undefined;
    if (message.k === 'opened') socket?.opened();
    else if (message.k === 'frame') socket?.deliver(message.text);
    else if (message.k === 'closed') socket?.closed();
  }

  /** How the relay reaches a socket of another tab. */
  #endpointOf(tab: string, socket: number): Endpoint {
    return {
      opened: () => this.#post(tab, { k: 'opened', s: socket }),
      deliver: (text) => this.#post(tab, { k: 'frame', s: socket, text }),
      closed: () => this.#post(tab, { k: 'closed', s: socket }),
    };
  }

  #post(to: string | undefined, message: SocketMessage): void {
    if (this.#closed) return;
    if (to === undefined) this.tabs.broadcast(message, SOCKET_TOPIC);
    else this.tabs.send(to, message, SOCKET_TOPIC);
  }
}

/**
 * Closes a socket not taken in; one still opening only once it opened: a handshake cut short may
 * leave the server a connection it never hears closed (the local stack's gateway does).
 */
function closeOnceOpen(socket: WebSocket): void {
  if (socket.readyState === 0) socket.addEventListener('open', () => socket.close());
  else socket.close();
}

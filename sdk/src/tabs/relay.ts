import { DEFAULT_TIMING, type WebSocketConstructor } from '../connection/connection.js';

/** Where the relay sends what concerns one socket of a tab (this tab's own, or another's by message). */
export interface Endpoint {
  /** The shared connection is open: the socket may send. */
  opened(): void;
  /** A frame for this socket only: the answer to one of its requests, its ref restored. */
  deliver(text: string): void;
  /** The shared connection closed, or failed to open: the socket is closed. */
  closed(): void;
}

/** Timings of the leader's connection, in ms. */
export interface RelayTiming {
  /** A ping forwarded and unanswered this long means the connection is dead: it is closed. */
  pongTimeoutMs: number;
  /** The connection is renewed before API Gateway's 2-hour limit cuts it… */
  maxLifetimeMs: number;
  /** …at a random moment up to this much earlier. */
  lifetimeJitterMs: number;
  /**
   * A room no socket holds any more because its tab closed or reconnects (not because it left) is
   * left this long after: a tab reloaded within it joins again without the person going offline.
   */
  leaveGraceMs: number;
}

/** The defaults: the same as a Connection's own. */
export const DEFAULT_RELAY_TIMING: RelayTiming = {
  pongTimeoutMs: DEFAULT_TIMING.pongTimeoutMs,
  maxLifetimeMs: DEFAULT_TIMING.maxLifetimeMs,
  lifetimeJitterMs: DEFAULT_TIMING.lifetimeJitterMs,
  leaveGraceMs: 3000,
};

/** What the relay is made from. */
export interface RelayOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  /** Sends a live frame to the other tabs, for each of their open sockets but the one keyed `except`. */
  broadcast(text: string, except: string | undefined): void;
  timing?: Partial<RelayTiming>;
}

interface Attached {
  endpoint: Endpoint;
  opened: boolean;
  /** In this tab: delivered to directly; other tabs' sockets get live frames by `broadcast`. */
  local: boolean;
}

interface Real {
  socket: WebSocket;
  send(text: string): void;
  close(): void;
  open: boolean;
  unlisten(): void;
}

/** A request out on the connection: whose it is (none: the relay's own) and its original ref. */
interface Forwarded {
  key: string | undefined;
  ref: string;
  action: unknown;
  room: string | undefined;
}

type Frame = Record<string, unknown>;

/** The most sockets one connection serves: far more than a person's tabs and clients ever hold. */
const MAX_SOCKETS = 64;

const parse = (text: string): Frame | undefined => {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Frame)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The leader's side of a shared WebSocket: one real connection for the sockets of every tab (each a
 * Connection of an SDK client, keyed by its tab's id and number). Requests go out with refs of the
 * relay's own and their answers back to the socket that asked, with its ref; everything else the
 * server sends (messages, presence, typing…) goes to every socket. Since the server does not echo a
 * connection's own send or edit to it, the relay hands the acked message to the other sockets as the
 * live frame they would have had on sockets of their own. A room stays joined while any socket is in
 * it: a `leave` is answered here until the last one leaves. The connection opens when the first socket
 * wants it and closes when the last one goes.
 */
export class Relay {
  #options: RelayOptions;
  #timing: RelayTiming;
  #real: Real | undefined;
  #protocols: string[] = [];
  #attached = new Map<string, Attached>();
  #forwarded = new Map<string, Forwarded>();
  #nextRef = 0;
  /** Which sockets are in each room, as the relay saw them join. */
  #rooms = new Map<string, Set<string>>();
  /**
   * Sockets that joined rooms before the relay saw them (an adopted connection): they may be in any
   * room, but those they left since.
   */
  #unknown = new Map<string, Set<string>>();
  /** Rooms whose `leave` is on its way, and the joins and leaves of them that wait for its answer. */
  #leaving = new Map<string, Array<{ out: string; leave: boolean }>>();
  /** Rooms left by every socket the relay saw in them, kept joined for an adopted socket. */
  #forgotten = new Set<string>();
  #graceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #pongTimer: ReturnType<typeof setTimeout> | undefined;
  #lifetimeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RelayOptions) {
    this.#options = options;
    this.#timing = { ...DEFAULT_RELAY_TIMING, ...options.timing };
  }

  /** How many sockets are attached. */
  get size(): number {
    return this.#attached.size;
  }

  /** Whether a connection is open or opening. */
  get connected(): boolean {
    return this.#real !== undefined;
  }

  /**
   * A socket wants the connection: opened at once if it is open, else when it opens (the first socket
   * opens it, with its subprotocols; later ones bring fresher tokens for the next connection).
   */
  attach(key: string, endpoint: Endpoint, protocols: string[], local: boolean): void {
    this.detach(key, true);
    // Any script of the origin can ask: a page's clients never need this many sockets.
    if (this.#attached.size >= MAX_SOCKETS) {
      endpoint.closed();
      return;
    }
    this.#protocols = protocols;
    const attached: Attached = { endpoint, opened: false, local };
    this.#attached.set(key, attached);
    if (this.#real?.open) this.#open(attached);
    else if (!this.#real) this.#connect();
  }

  /**
   * Takes an open (or opening) WebSocket as the connection, and the socket that holds it as attached
   * under `key`: how a tab that connected before it shared keeps its connection. `send` and `close`
   * are the socket's own (it is interposed: see adopt.ts); `endpoint` reaches its holder. Its holder
   * may be in rooms the relay has not seen joined.
   */
  adopt(
    key: string,
    socket: WebSocket,
    own: { send(text: string): void; close(): void },
    endpoint: Endpoint,
  ): void {
    const attached: Attached = { endpoint, opened: socket.readyState === 1, local: true };
    this.#attached.set(key, attached);
    this.#unknown.set(key, new Set());
    this.#use(socket, own);
  }

  /** A socket's frame: sent on with a ref of the relay's. False if the socket is not attached and open. */
  send(key: string, text: string): boolean {
    const attached = this.#attached.get(key);
    if (!attached?.opened || !this.#real?.open) return false;
    const frame = parse(text);
    // Nothing but garbage comes without an object; the server would refuse it anyway.
    if (!frame) return true;
    const { action, ref } = frame;
    const room = typeof frame.room === 'string' ? frame.room : undefined;
    if (action === 'ping') this.#armPong();
    if (room !== undefined && action === 'leave') {
      this.#rooms.get(room)?.delete(key);
      this.#unknown.get(key)?.add(room);
      const holder = this.#holder(room);
      if (holder) {
        // Another socket is still in the room: the connection stays in it.
        if (holder === 'unknown') this.#forgotten.add(room);
        if (typeof ref === 'string') attached.endpoint.deliver(JSON.stringify({ type: 'ack', ref, room }));
        return true;
      }
    }
    if (room !== undefined && action === 'join') {
      const holders = this.#rooms.get(room) ?? new Set<string>();
      this.#rooms.set(room, holders.add(key));
      this.#unknown.get(key)?.delete(room);
      clearTimeout(this.#graceTimers.get(room));
      this.#graceTimers.delete(room);
    }
    let out = text;
    if (typeof ref === 'string') {
      const mine = `t${++this.#nextRef}`;
      this.#forwarded.set(mine, { key, ref, action, room });
      out = JSON.stringify({ ...frame, ref: mine });
    }
    const membership = action === 'join' || action === 'leave';
    this.#transmit(out, membership ? room : undefined, action === 'leave');
    return true;
  }

  /**
   * A socket is gone (its client reconnects or closed, or its tab left). Rooms that no socket holds
   * any more are left after the grace period; with no socket left, the connection closes.
   */
  detach(key: string, quiet = false): void {
    if (!this.#attached.delete(key)) return;
    for (const forwarded of this.#forwarded.values()) if (forwarded.key === key) forwarded.key = undefined;
    const wildcard = this.#unknown.delete(key);
    const released = new Set<string>();
    for (const [room, holders] of this.#rooms) {
      if (holders.delete(key) && holders.size === 0) {
        this.#rooms.delete(room);
        released.add(room);
      }
    }
    if (!quiet && this.#attached.size === 0) {
      this.#closeReal();
      return;
    }
    // An adopted socket may have kept rooms joined that others left: those are free now too.
    if (wildcard) {
      for (const room of this.#forgotten) released.add(room);
      this.#forgotten.clear();
    }
    for (const room of released) this.#release(room);
  }

  /**
   * Detaches every socket of the tab `tab`, which closed, crashed or left the group, and tells them:
   * a tab only thought gone (one too throttled to keep in touch) then reconnects and resumes.
   */
  detachTab(tab: string): void {
    for (const [key, attached] of [...this.#attached]) {
      if (!key.startsWith(`${tab} `)) continue;
      this.detach(key);
      attached.endpoint.closed();
    }
  }

  /** Ends the relay: the connection closes and every attached socket is told. */
  stop(): void {
    this.#closeReal();
  }

  /** Who keeps `room` joined: a socket seen joining it, or one that may have joined it unseen. */
  #holder(room: string): 'known' | 'unknown' | undefined {
    if ((this.#rooms.get(room)?.size ?? 0) > 0) return 'known';
    for (const left of this.#unknown.values()) if (!left.has(room)) return 'unknown';
    return undefined;
  }

  /** Leaves `room` after the grace period, unless a socket joins it meanwhile. */
  #release(room: string): void {
    const holder = this.#holder(room);
    if (holder === 'unknown') this.#forgotten.add(room);
    if (holder || this.#graceTimers.has(room)) return;
    this.#graceTimers.set(
      room,
      setTimeout(() => {
        this.#graceTimers.delete(room);
        if (!this.#real?.open) return;
        if (this.#holder(room)) return this.#release(room);
        const ref = `t${++this.#nextRef}`;
        this.#forwarded.set(ref, { key: undefined, ref, action: 'leave', room });
        this.#transmit(JSON.stringify({ action: 'leave', room, ref }), room, true);
      }, this.#timing.leaveGraceMs),
    );
  }

  /**
   * Sends a frame on the connection. A join or leave of a room whose `leave` is still on its way
   * waits for that leave's answer: the server may handle two frames of one connection at once, and a
   * join overtaken by a leave would leave the connection out of a room a tab is in.
   */
  #transmit(out: string, room: string | undefined, leave: boolean): void {
    const queue = room === undefined ? undefined : this.#leaving.get(room);
    if (queue) {
      queue.push({ out, leave });
      return;
    }
    this.#real?.send(out);
    if (room !== undefined && leave) this.#leaving.set(room, []);
  }

  #connect(): void {
    let socket: WebSocket;
    try {
      socket = new this.#options.WebSocket(this.#options.url, this.#protocols);
    } catch {
      // A URL or subprotocol the browser refuses (or a page policy): every waiting socket fails, as its
      // own would have.
      const waiting = [...this.#attached.values()];
      this.#attached.clear();
      for (const { endpoint } of waiting) endpoint.closed();
      return;
    }
    this.#use(socket, { send: (text) => socket.send(text), close: () => socket.close() });
  }

  #use(socket: WebSocket, own: { send(text: string): void; close(): void }): void {
    const onOpen = () => {
      real.open = true;
      const lifetime = this.#timing.maxLifetimeMs - Math.random() * this.#timing.lifetimeJitterMs;
      this.#lifetimeTimer = setTimeout(() => this.#closeReal(), lifetime);
      for (const attached of this.#attached.values()) this.#open(attached);
    };
    const onMessage = (event: MessageEvent) => {
      if (typeof event.data === 'string') this.#fromServer(event.data);
    };
    const onClose = () => this.#lost(real);
    socket.addEventListener('open', onOpen);
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', onClose);
    const real: Real = {
      socket,
      ...own,
      open: socket.readyState === 1,
      unlisten() {
        socket.removeEventListener('open', onOpen);
        socket.removeEventListener('message', onMessage);
        socket.removeEventListener('close', onClose);
      },
    };
    this.#real = real;
    if (real.open) onOpen();
  }

  #open(attached: Attached): void {
    if (attached.opened) return;
    attached.opened = true;
    attached.endpoint.opened();
  }

  #fromServer(text: string): void {
    clearTimeout(this.#pongTimer);
    this.#pongTimer = undefined;
    const frame = parse(text);
    if (!frame) return;
    const { ref, type } = frame;
    if (typeof ref === 'string' && ref !== '') {
      const forwarded = this.#forwarded.get(ref);
      // An answer to a socket gone meanwhile, or to nothing of ours: nobody else may see it.
      if (!forwarded) return;
      this.#forwarded.delete(ref);
      this.#answered(forwarded, frame);
      return;
    }
    // An ack without a ref answers a frame sent without one: nobody asked for it.
    if (type === 'ack') return;
    if (type === 'removed' && typeof frame.room === 'string') {
      // The connection is out of the room: every socket's client forgets it.
      this.#rooms.delete(frame.room);
      for (const left of this.#unknown.values()) left.add(frame.room);
    }
    this.#live(text, undefined);
  }

  #answered(forwarded: Forwarded, frame: Frame): void {
    const { key, action, room } = forwarded;
    if (typeof room === 'string') {
      if (action === 'leave') {
        const waiting = this.#leaving.get(room) ?? [];
        this.#leaving.delete(room);
        for (const { out, leave } of waiting) this.#transmit(out, room, leave);
      }
      if (action === 'join' && frame.type === 'error' && key && this.#rooms.get(room)?.delete(key)) {
        // Refused: the room may still be joined for a socket that left it meanwhile.
        if (this.#rooms.get(room)?.size === 0) this.#rooms.delete(room);
        this.#release(room);
      }
    }
    const attached = key === undefined ? undefined : this.#attached.get(key);
    if (!attached?.opened) return;
    attached.endpoint.deliver(JSON.stringify({ ...frame, ref: forwarded.ref }));
    const message = frame.message;
    if (frame.type !== 'ack' || typeof message !== 'object' || message === null) return;
    // What the server posts to every other connection, but not to the one that sent or edited.
    if (action === 'send') this.#live(JSON.stringify({ type: 'message', message }), key);
    if (action === 'edit') this.#live(JSON.stringify({ type: 'update', room: frame.room, message }), key);
  }

  #live(text: string, except: string | undefined): void {
    let others = false;
    for (const [key, attached] of this.#attached) {
      if (!attached.opened || key === except) continue;
      if (attached.local) attached.endpoint.deliver(text);
      else others = true;
    }
    if (others) this.#options.broadcast(text, except);
  }

  #armPong(): void {
    this.#pongTimer ??= setTimeout(() => this.#closeReal(), this.#timing.pongTimeoutMs);
  }

  #closeReal(): void {
    const real = this.#real;
    if (!real) return;
    real.close();
    this.#lost(real);
  }

  /** The connection is gone: every attached socket is closed; their clients reconnect and resume. */
  #lost(real: Real): void {
    if (this.#real !== real) return;
    real.unlisten();
    this.#real = undefined;
    clearTimeout(this.#pongTimer);
    clearTimeout(this.#lifetimeTimer);
    this.#pongTimer = this.#lifetimeTimer = undefined;
    this.#forwarded.clear();
    this.#rooms.clear();
    this.#unknown.clear();
    this.#forgotten.clear();
    this.#leaving.clear();
    for (const timer of this.#graceTimers.values()) clearTimeout(timer);
    this.#graceTimers.clear();
    const attached = [...this.#attached.values()];
    this.#attached.clear();
    for (const { endpoint } of attached) endpoint.closed();
  }
}

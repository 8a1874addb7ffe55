import { nanoid } from 'nanoid';
import type { AuthProvider } from './auth/provider.js';
import {
  Connection,
  type ConnectionTiming,
  type TokenCheck,
  type WebSocketConstructor,
} from './connection/connection.js';
import type { ConnectionState, StateChange } from './connection/states.js';
import { Emitter } from './emitter.js';
import { ChatError } from './errors.js';
import type { AckFrame, ChatUser, RoomInfo, ServerFrame } from './protocol/types.js';
import { type RequestOptions, type Room, RoomState } from './room.js';

export type { ConnectionState, StateChange } from './connection/states.js';

/** Options of `createChatClient`. */
export interface ChatClientOptions {
  /** The WebSocket API, e.g. `ws://localhost:3001`. */
  wsUrl: string;
  /** The HTTP API, e.g. `http://localhost:3000`. */
  httpUrl: string;
  /** How to obtain a token: `guestAuth({ name })`, `tokenAuth(fn)`, or `cognitoAuth(...)`. */
  auth: AuthProvider;
  /** WebSocket class; defaults to the global one (the Node entry supplies `ws`). */
  WebSocket?: WebSocketConstructor;
  /** How long a request waits for its answer once sent, in ms (default 10000). */
  requestTimeoutMs?: number;
  /** How long `connect()` waits for the first open, in ms (default 20000). */
  connectTimeoutMs?: number;
  /** The most messages a room's outbox holds while disconnected (default 100). */
  maxOutbox?: number;
  /** Reconnect, heartbeat and renewal timing; every field has a sensible default. */
  timing?: Partial<ConnectionTiming>;
}

/** Options of `client.createRoom`. */
export interface CreateRoomOptions {
  /** The room id: 1–64 of A–Z a–z 0–9 _ -. */
  id: string;
  visibility: 'public' | 'private';
  /** Shown in the widget's header; 1–80 characters. */
  title?: string;
}

/** Events of a client. */
export interface ChatClientEvents {
  /** The new state, on every change. */
  state: ConnectionState;
  /** Every state change with its reason: `{ from, to, reason }`. */
  statechange: StateChange;
  /** Errors no request owns: refused authentication, server errors without a ref. */
  error: ChatError;
}

/** A connection to the chat service. */
export interface ChatClient {
  /** Where the connection stands now. */
  readonly state: ConnectionState;
  /** The signed-in user, known once `connect()` resolved. */
  readonly user: ChatUser | undefined;
  /** Rooms joined, by id. */
  readonly rooms: ReadonlyMap<string, Room>;
  /** Connects; resolves once open, rejects when authentication fails or the client is closed. */
  connect(): Promise<void>;
  /** Joins a room (idempotent; connects first if needed); resolves once the server acked. */
  join(room: string): Promise<Room>;
  /**
   * Creates a room you own (signed-in users only): `private` rooms admit only their members.
   * Safe to retry, after a reconnect too: asking again for the same room with the same settings
   * succeeds. Resolves with what the room is; `join` it to use it.
   */
  createRoom(options: CreateRoomOptions): Promise<RoomInfo>;
  /**
   * Sends one protocol frame (PROTOCOL.md; a `ref` is added) once connected, and resolves with its
   * ack or rejects with a ChatError. For actions the SDK has no call for, such as the moderator tools
   * of `@org/chat-sdk`'s `listReports`, `banUser` and the like.
   */
  request(frame: Record<string, unknown>): Promise<AckFrame>;
  /** Subscribes to a client event; returns the function that unsubscribes. */
  on<K extends keyof ChatClientEvents>(
    event: K,
    listener: (payload: ChatClientEvents[K]) => void,
  ): () => void;
  /** Closes for good; pending requests fail with `closed`. */
  close(): void;
}

interface Pending {
  frame: Record<string, unknown>;
  resolve: (frame: AckFrame) => void;
  reject: (error: ChatError) => void;
  /** Runs only while the request is out on an open socket: a disconnected wait is not a timeout. */
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The connection generation it was last sent on; resent when a newer one becomes ready. */
  sentOn: number;
  /** Part of resuming one connection: meaningless on the next, so it fails when the socket drops. */
  resuming: boolean;
}

/** Creates a chat client; nothing happens on the network until `connect()`. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return new Client(validateOptions(options));
}

class Client extends Emitter<ChatClientEvents> implements ChatClient {
  user: ChatUser | undefined;
  readonly rooms = new Map<string, RoomState>();
  #options: ChatClientOptions;
  #connection: Connection | undefined;
  #state: ConnectionState = 'idle';
  #connecting: Promise<void> | undefined;
  #pending = new Map<string, Pending>();
  #joining = new Map<string, Promise<Room>>();
  #nextRef = 0;
  /** Incremented on each open; queued requests go out only once the rooms are resumed on it. */
  #generation = 0;
  #ready = false;
  #readyWaiters: { resolve: () => void; reject: (error: ChatError) => void }[] = [];
  #fatal: ChatError | undefined;

  constructor(options: ChatClientOptions) {
    super();
    this.#options = options;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  connect(): Promise<void> {
    if (this.#state === 'closed' || this.#state === 'failed') {
      return Promise.reject(this.#fatal ?? new ChatError('closed', 'client is closed'));
    }
    this.#connecting ??= this.#start();
    return this.#connecting;
  }

  async #start(): Promise<void> {
    const { auth, httpUrl, wsUrl } = this.#options;
    const WebSocketClass =
      this.#options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
    if (!WebSocketClass) {
      throw new ChatError('invalid', 'no WebSocket available: pass the `ws` package as options.WebSocket');
    }
    const connection = new Connection({
      url: wsUrl,
      WebSocket: WebSocketClass,
      timing: this.#options.timing ?? {},
      getToken: async (fresh) => {
        const session = await auth.getSession({ httpUrl, fresh });
        this.user = session.user;
        return session.token;
      },
      checkToken: (token) => checkToken(httpUrl, token),
    });
    this.#connection = connection;
    connection.on('statechange', (change) => this.#onStateChange(change));
    connection.on('frame', (text) => this.#handleFrame(text));
    connection.on('fatal', (error) => {
      this.#fatal = error;
      this.emit('error', error);
    });
    const ready = this.#whenReady();
    connection.start();
    const timeoutMs = this.#options.connectTimeoutMs ?? 20_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ChatError('timeout', `not connected after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([ready, timeout]);
    } catch (error) {
      this.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  join(roomId: string): Promise<Room> {
    let joining = this.#joining.get(roomId);
    if (!joining) {
      joining = this.#join(roomId).finally(() => this.#joining.delete(roomId));
      this.#joining.set(roomId, joining);
    }
    return joining;
  }

  async #join(roomId: string): Promise<Room> {
    const existing = this.rooms.get(roomId);
    if (existing) return existing;
    // Joining before connecting connects; the join waits for the connection like any request.
    if (this.#state === 'idle') this.connect().catch(() => undefined);
    const room = new RoomState(roomId, {
      request: (frame, options) => this.#request(frame, options),
      newClientId: () => nanoid(),
      forget: (id) => this.rooms.delete(id),
      maxOutbox: this.#options.maxOutbox ?? 100,
    });
    this.rooms.set(roomId, room);
    try {
      // The first join's answer sets where the room's feed starts: the newest messages, whenever it
      // goes out (a resume after a reconnect skips rooms whose first join is still queued).
      room.noteJoin(this.#noteYou(await this.#request({ action: 'join', room: roomId })));
    } catch (error) {
      this.rooms.delete(roomId);
      throw error;
    }
    return room;
  }

  /** The server's view of this connection's identity, from a join's answer, replaces the token's. */
  #noteYou(ack: AckFrame): AckFrame {
    if (ack.you) this.user = ack.you;
    return ack;
  }

  async createRoom({ id, visibility, title }: CreateRoomOptions): Promise<RoomInfo> {
    // The server validates every field (`invalid` with the field's name): no second copy of the rules here.
    if (this.#state === 'idle') this.connect().catch(() => undefined);
    return (await this.#request({ action: 'create', room: id, visibility, title })).info as RoomInfo;
  }

  request(frame: Record<string, unknown>): Promise<AckFrame> {
    if (this.#state === 'idle') this.connect().catch(() => undefined);
    return this.#request(frame);
  }

  close(): void {
    if (this.#state === 'closed' || this.#state === 'failed') return;
    if (this.#connection) this.#connection.close();
    else this.#onStateChange({ from: this.#state, to: 'closed', reason: 'closed by app' });
  }

  #onStateChange(change: StateChange): void {
    this.#state = change.to;
    if (change.to === 'open') {
      void this.#resume();
    } else {
      this.#ready = false;
      // Requests out on the lost socket go again on the next one: stop their clocks meanwhile.
      // A resume in progress is abandoned instead; the next open starts a new one.
      for (const [ref, pending] of this.#pending) {
        clearTimeout(pending.timer);
        pending.timer = undefined;
        if (pending.resuming) {
          this.#pending.delete(ref);
          pending.reject(new ChatError('network', 'connection lost while resuming'));
        }
      }
    }
    if (change.to === 'closed' || change.to === 'failed') this.#settleAll(change.to);
    this.emit('state', change.to);
    this.emit('statechange', change);
  }

  /** Resumes every room before anything queued goes out, so missed messages arrive first and in order. */
  async #resume(): Promise<void> {
    const generation = ++this.#generation;
    await Promise.allSettled([...this.rooms.values()].map((room) => room.resume()));
    if (generation !== this.#generation || this.#state !== 'open') return;
    this.#ready = true;
    for (const pending of this.#pending.values()) {
      if (pending.sentOn < generation) this.#transmit(pending);
    }
    for (const waiter of this.#readyWaiters.splice(0)) waiter.resolve();
  }

  #settleAll(state: 'closed' | 'failed'): void {
    const error =
      state === 'failed'
        ? (this.#fatal ?? new ChatError('unauthorized', 'authentication failed'))
        : new ChatError('closed', 'client closed');
    for (const [ref, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.#pending.delete(ref);
    }
    for (const waiter of this.#readyWaiters.splice(0)) waiter.reject(error);
  }

  #whenReady(): Promise<void> {
    return new Promise((resolve, reject) => this.#readyWaiters.push({ resolve, reject }));
  }

  #request(frame: Record<string, unknown>, options: RequestOptions = {}): Promise<AckFrame> {
    if (this.#state === 'closed' || this.#state === 'failed') {
      return Promise.reject(this.#fatal ?? new ChatError('closed', 'client is closed'));
    }
    if (options.onlyIfReady && !this.#ready) {
      return Promise.reject(new ChatError('network', 'not connected'));
    }
    const ref = String(++this.#nextRef);
    return new Promise<AckFrame>((resolve, reject) => {
      const pending: Pending = {
        frame: { ...frame, ref },
        resolve,
        reject,
        timer: undefined,
        sentOn: 0,
        resuming: options.immediate === true,
      };
      this.#pending.set(ref, pending);
      if (this.#ready || (options.immediate && this.#state === 'open')) this.#transmit(pending);
    });
  }

  #transmit(pending: Pending): void {
    if (!this.#connection?.send(JSON.stringify(pending.frame))) return;
    pending.sentOn = this.#generation;
    const ref = pending.frame.ref as string;
    const timeoutMs = this.#options.requestTimeoutMs ?? 10_000;
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      this.#pending.delete(ref);
      pending.reject(
        new ChatError('timeout', `no answer to ${String(pending.frame.action)} after ${timeoutMs} ms`),
      );
    }, timeoutMs);
  }

  #handleFrame(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'message':
        this.rooms.get(frame.message?.room)?.receive(frame.message);
        return;
      case 'presence':
        this.rooms.get(frame.room)?.notePresence(frame.user, frame.status);
        return;
      case 'typing':
        this.rooms.get(frame.room)?.emit('typing', { user: frame.user });
        return;
      case 'removed':
        this.rooms.get(frame.room)?.noteRemoved(frame.reason);
        return;
      case 'identity':
        this.rooms.get(frame.room)?.noteIdentity(frame);
        return;
      case 'update':
        this.rooms.get(frame.room)?.noteUpdate(frame.message);
        return;
      case 'moderation': {
        // About one room, or (site-wide mutes) every room; a site-wide ban ends the client.
        const { type: _type, room, ...notice } = frame;
        for (const target of room ? [this.rooms.get(room)] : this.rooms.values())
          target?.noteModeration(notice);
        if (notice.kind === 'banned') {
          this.emit('error', new ChatError('banned', 'banned from this site', undefined, notice.until));
          this.close();
        }
        return;
      }
    }
    const ref = 'ref' in frame ? frame.ref : undefined;
    const pending = ref ? this.#pending.get(ref) : undefined;
    if (!pending) {
      if (frame.type === 'error')
        this.emit('error', new ChatError(frame.code, frame.message, frame.retryAfterMs, frame.until));
      return;
    }
    this.#pending.delete(ref as string);
    clearTimeout(pending.timer);
    if (frame.type === 'error')
      pending.reject(new ChatError(frame.code, frame.message, frame.retryAfterMs, frame.until));
    else pending.resolve(frame as AckFrame);
  }
}

/**
 * Asks `GET {httpUrl}/session` whether the service accepts a token: how a browser, which never sees a
 * refused handshake's HTTP status, tells a refused token from an outage.
 */
async function checkToken(httpUrl: string, token: string): Promise<TokenCheck> {
  try {
    const response = await fetch(`${httpUrl.replace(/\/$/, '')}/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.ok) return 'accepted';
    return response.status === 401 || response.status === 403 ? 'refused' : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Refuses bad options at once, with a clear message, rather than failing later inside a reconnect loop. */
function validateOptions(options: ChatClientOptions): ChatClientOptions {
  const fail = (message: string): never => {
    throw new ChatError('invalid', `createChatClient: ${message}`);
  };
  if (!options || typeof options !== 'object') fail('options must be an object');
  if (!/^wss?:\/\/[^/\s]+/i.test(String(options.wsUrl))) fail('wsUrl must be a ws:// or wss:// URL');
  if (!/^https?:\/\/[^/\s]+/i.test(String(options.httpUrl)))
    fail('httpUrl must be an http:// or https:// URL');
  if (typeof options.auth?.getSession !== 'function')
    fail('auth must be a provider such as guestAuth({ name })');
  if (options.WebSocket !== undefined && typeof options.WebSocket !== 'function') {
    fail('WebSocket must be a WebSocket constructor');
  }
  for (const key of ['requestTimeoutMs', 'connectTimeoutMs', 'maxOutbox'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      fail(`${key} must be a positive number`);
  }
  return options;
}

import { nanoid } from 'nanoid';
import type { AuthProvider, AuthSession } from './auth/provider.js';
import { Emitter } from './emitter.js';
import { ChatError } from './errors.js';
import type { AckFrame, ChatUser, ServerFrame } from './protocol/types.js';
import { type Room, RoomState } from './room.js';
import { openTransport, type Transport, type WebSocketConstructor } from './transport.js';

/** Where the connection stands. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Options of `createChatClient`. */
export interface ChatClientOptions {
  /** The WebSocket API, e.g. `ws://localhost:3001`. */
  wsUrl: string;
  /** The HTTP API, e.g. `http://localhost:3000`. */
  httpUrl: string;
  /** How to obtain a token: `guestAuth({ name })` or your own provider. */
  auth: AuthProvider;
  /** WebSocket class; defaults to the global one (the Node entry supplies `ws`). */
  WebSocket?: WebSocketConstructor;
  /** How long a request waits for its ack, in ms (default 10000). */
  requestTimeoutMs?: number;
  /** How long `connect()` waits for the first open, in ms (default 20000). */
  connectTimeoutMs?: number;
}

/** Events of a client. */
export interface ChatClientEvents {
  state: ConnectionState;
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
  /** Connects; resolves once the socket is open. */
  connect(): Promise<void>;
  /** Joins a room (idempotent); resolves once the server acked. */
  join(room: string): Promise<Room>;
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
  timer: ReturnType<typeof setTimeout>;
  /** The transport generation it was last sent on; resent when a newer one becomes ready. */
  sentOn: number;
}

/** Creates a chat client; nothing happens on the network until `connect()`. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return new Client(validateOptions(options));
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
  for (const key of ['requestTimeoutMs', 'connectTimeoutMs'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      fail(`${key} must be a positive number`);
  }
  return options;
}

class Client extends Emitter<ChatClientEvents> implements ChatClient {
  state: ConnectionState = 'idle';
  user: ChatUser | undefined;
  readonly rooms = new Map<string, RoomState>();
  #options: ChatClientOptions;
  #transport: Transport | undefined;
  #connecting: Promise<void> | undefined;
  #pending = new Map<string, Pending>();
  #nextRef = 0;
  /** Incremented on each open; requests are (re)sent only once the rooms are resumed on it. */
  #generation = 0;
  #ready = false;
  #onReady: (() => void) | undefined;

  constructor(options: ChatClientOptions) {
    super();
    this.#options = options;
  }

  connect(): Promise<void> {
    if (this.state === 'closed') return Promise.reject(new ChatError('closed', 'client is closed'));
    this.#connecting ??= this.#start();
    return this.#connecting;
  }

  async #start(): Promise<void> {
    this.#setState('connecting');
    const { auth, httpUrl, wsUrl } = this.#options;
    let session: AuthSession;
    try {
      session = await auth.getSession({ httpUrl });
    } catch (error) {
      this.close();
      throw error;
    }
    this.user = session.user;
    const WebSocketClass =
      this.#options.WebSocket ?? (globalThis.WebSocket as WebSocketConstructor | undefined);
    if (!WebSocketClass) {
      this.close();
      throw new ChatError('network', 'no WebSocket available: pass the `ws` package as options.WebSocket');
    }
    let first: AuthSession | undefined = session;
    const ready = new Promise<void>((resolve) => {
      this.#onReady = resolve;
    });
    const transport = openTransport({
      url: wsUrl,
      WebSocket: WebSocketClass,
      nextToken: async () => {
        const next = first ?? (await auth.getSession({ httpUrl }));
        first = undefined;
        this.user = next.user;
        return next.token;
      },
    });
    this.#transport = transport;
    transport.on('open', () => void this.#handleOpen());
    transport.on('close', () => this.#handleClose());
    transport.on('message', (text) => this.#handleFrame(text));
    transport.on('fatal', (error) => {
      this.emit('error', error);
      this.close();
    });
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

  async join(roomId: string): Promise<Room> {
    const existing = this.rooms.get(roomId);
    if (existing) return existing;
    const room = new RoomState(roomId, {
      request: (frame, immediate) => this.#request(frame, immediate),
      newClientId: () => nanoid(),
    });
    this.rooms.set(roomId, room);
    try {
      const ack = await this.#request({ action: 'join', room: roomId });
      room.noteLatest(ack.latest);
    } catch (error) {
      this.rooms.delete(roomId);
      throw error;
    }
    return room;
  }

  close(): void {
    if (this.state === 'closed') return;
    this.#transport?.close();
    this.#ready = false;
    for (const [ref, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new ChatError('closed', 'client closed'));
      this.#pending.delete(ref);
    }
    this.#setState('closed');
  }

  #setState(next: ConnectionState): void {
    if (this.state === next) return;
    this.state = next;
    this.emit('state', next);
  }

  async #handleOpen(): Promise<void> {
    const generation = ++this.#generation;
    this.#setState('open');
    // Resume every room before anything else goes out, so missed messages arrive in order first.
    await Promise.allSettled([...this.rooms.values()].map((room) => room.resume()));
    if (generation !== this.#generation || this.state !== 'open') return;
    this.#ready = true;
    for (const pending of this.#pending.values()) {
      if (pending.sentOn < generation) this.#transmit(pending);
    }
    this.#onReady?.();
    this.#onReady = undefined;
  }

  #handleClose(): void {
    this.#ready = false;
    if (this.state !== 'closed') this.#setState('reconnecting');
  }

  #request(frame: Record<string, unknown>, immediate = false): Promise<AckFrame> {
    if (this.state === 'closed') return Promise.reject(new ChatError('closed', 'client is closed'));
    const ref = String(++this.#nextRef);
    const timeoutMs = this.#options.requestTimeoutMs ?? 10_000;
    return new Promise<AckFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(ref);
        reject(new ChatError('timeout', `no answer to ${String(frame.action)} after ${timeoutMs} ms`));
      }, timeoutMs);
      const pending: Pending = { frame: { ...frame, ref }, resolve, reject, timer, sentOn: 0 };
      this.#pending.set(ref, pending);
      if (this.#ready || (immediate && this.state === 'open')) this.#transmit(pending);
    });
  }

  #transmit(pending: Pending): void {
    if (this.#transport?.send(JSON.stringify(pending.frame))) pending.sentOn = this.#generation;
  }

  #handleFrame(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'message') {
      this.rooms.get(frame.message?.room)?.deliver(frame.message);
      return;
    }
    const ref = 'ref' in frame ? frame.ref : undefined;
    const pending = ref ? this.#pending.get(ref) : undefined;
    if (!pending) {
      if (frame.type === 'error') this.emit('error', new ChatError(frame.code, frame.message));
      return;
    }
    this.#pending.delete(ref as string);
    clearTimeout(pending.timer);
    if (frame.type === 'error') pending.reject(new ChatError(frame.code, frame.message));
    else pending.resolve(frame as AckFrame);
  }
}

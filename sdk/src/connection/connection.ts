import { Emitter } from '../emitter.js';
import { ChatError } from '../errors.js';
import { SUBPROTOCOL } from '../protocol/limits.js';
import { type BackoffOptions, backoffDelay } from './backoff.js';
import { browserEnvironment, type ConnectionEnvironment } from './environment.js';
import { type ConnectionState, canMove, type StateChange, type StateReason } from './states.js';

/** The standard WebSocket constructor shape: browsers' global, or the `ws` package in Node. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/** Timing of a connection; every field has a default. */
export interface ConnectionTiming {
  backoff: BackoffOptions;
  /** The retry count resets only after a socket stayed up this long (a flapping server still backs off). */
  minUptimeMs: number;
  /** A socket that has not opened after this long is abandoned. */
  connectTimeoutMs: number;
  /**
   * After this long without any frame, a ping checks the socket and beats API Gateway's 10-minute idle
   * timeout. The ping is answered by API Gateway itself (no Lambda), and the page coming back into
   * view or online pings at once, so a long interval costs nothing in how soon a dead socket is found.
   */
  heartbeatMs: number;
  /** A ping unanswered for this long means the socket is dead. */
  pongTimeoutMs: number;
  /** Reconnect on purpose before API Gateway's 2-hour limit cuts the socket… */
  maxLifetimeMs: number;
  /** …at a random moment up to this much earlier, so the clients of one deploy do not all come back at once. */
  lifetimeJitterMs: number;
}

/** Defaults of ConnectionTiming. */
export const DEFAULT_TIMING: ConnectionTiming = {
  backoff: { baseMs: 500, capMs: 30_000 },
  minUptimeMs: 5_000,
  connectTimeoutMs: 10_000,
  heartbeatMs: 9 * 60_000,
  pongTimeoutMs: 10_000,
  maxLifetimeMs: 115 * 60_000,
  lifetimeJitterMs: 15 * 60_000,
};

/** Events of a connection. */
export interface ConnectionEvents {
  state: ConnectionState;
  statechange: StateChange;
  /** A text frame from the server. */
  frame: string;
  /** Authentication failed for good: the connection is `failed`. */
  fatal: ChatError;
}

/** What a connection is made from. */
export interface ConnectionOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  /** A token valid now; `fresh` asks the provider not to reuse a cached one (the last was refused). */
  getToken(fresh: boolean): Promise<string>;
  /**
   * Asks the service whether it accepts a token, after a handshake failed without saying why
   * (browsers never expose a refused handshake's status): `accepted`, `refused`, or `unknown`.
   */
  checkToken?(token: string): Promise<TokenCheck>;
  timing?: Partial<ConnectionTiming>;
  environment?: ConnectionEnvironment;
}

const PING = JSON.stringify({ action: 'ping' });

/** The service's verdict on a token, asked after a failed handshake. */
export type TokenCheck = 'accepted' | 'refused' | 'unknown';

type TimerName = 'retry' | 'connect' | 'heartbeat' | 'pong' | 'lifetime' | 'uptime';

/**
 * One logical connection: a WebSocket replaced after every drop, with jittered backoff, heartbeat,
 * planned renewal and browser online/visibility hints. All state changes go through `#move`.
 */
export class Connection extends Emitter<ConnectionEvents> {
  state: ConnectionState = 'idle';
  #options: ConnectionOptions;
  #timing: ConnectionTiming;
  #env: ConnectionEnvironment;
  #socket: WebSocket | undefined;
  /** Guards against late callbacks from a replaced socket. */
  #socketId = 0;
  #attempt = 0;
  /** Handshakes refused in a row; the second (with a token fetched fresh) is final. */
  #refusals = 0;
  /** A token the service said it accepts: a failed handshake with it is an outage, not asked about again. */
  #vouched: string | undefined;
  #lastFrameAt = 0;
  #timers = new Map<TimerName, ReturnType<typeof setTimeout>>();
  #unlisten: (() => void) | undefined;

  constructor(options: ConnectionOptions) {
    super();
    this.#options = options;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    this.#env = options.environment ?? browserEnvironment();
  }

  /** Starts connecting; later drops reconnect by themselves until `close()`. */
  start(): void {
    if (this.state !== 'idle') return;
    this.#unlisten = this.#env.listen({
      online: () => this.#onVisible(),
      offline: () => this.#drop('offline'),
      visible: () => this.#onVisible(),
    });
    this.#move('connecting', 'connect');
    void this.#open();
  }

  /** Sends a text frame if the socket is open; returns whether it went out. */
  send(text: string): boolean {
    if (this.state !== 'open' || this.#socket?.readyState !== 1) return false;
    this.#socket.send(text);
    return true;
  }

  /** Closes for good. */
  close(): void {
    this.#finish('closed', 'closed by app');
  }

  #move(to: ConnectionState, reason: StateReason): void {
    const from = this.state;
    if (from === to || !canMove(from, to)) return;
    this.state = to;
    this.emit('state', to);
    this.emit('statechange', { from, to, reason });
  }

  async #open(): Promise<void> {
    const id = ++this.#socketId;
    let token: string;
    try {
      // A fresh token only after a refusal: an outage must not turn into a flood of token requests.
      token = await this.#options.getToken(this.#refusals > 0);
    } catch (error) {
      if (id !== this.#socketId || this.#isFinal()) return;
      const chatError = error instanceof ChatError ? error : new ChatError('network', String(error));
      if (chatError.code === 'network' || chatError.code === 'internal' || chatError.code === 'timeout') {
        this.#scheduleRetry();
      } else {
        this.emit('fatal', chatError);
        this.#finish('failed', 'auth failed');
      }
      return;
    }
    if (id !== this.#socketId || this.#isFinal()) return;
    let socket: WebSocket;
    try {
      socket = new this.#options.WebSocket(this.#options.url, [SUBPROTOCOL, token]);
    } catch (error) {
      this.emit('fatal', new ChatError('invalid', `cannot open a WebSocket: ${(error as Error).message}`));
      this.#finish('failed', 'auth failed');
      return;
    }
    this.#socket = socket;
    let opened = false;
    let refused = false;
    this.#setTimer('connect', this.#timing.connectTimeoutMs, () => this.#drop('connect timeout'));
    socket.onopen = () => {
      if (id !== this.#socketId) return;
      opened = true;
      this.#clearTimer('connect');
      this.#refusals = 0;
      this.#lastFrameAt = Date.now();
      this.#setTimer('uptime', this.#timing.minUptimeMs, () => {
        this.#attempt = 0;
      });
      const lifetime = this.#timing.maxLifetimeMs - Math.random() * this.#timing.lifetimeJitterMs;
      this.#setTimer('lifetime', Math.max(lifetime, this.#timing.minUptimeMs), () => this.#drop('planned'));
      this.#armHeartbeat();
      this.#move('open', 'opened');
    };
    socket.onmessage = (event: MessageEvent) => {
      if (id !== this.#socketId) return;
      this.#lastFrameAt = Date.now();
      this.#clearTimer('pong');
      if (typeof event.data === 'string') this.emit('frame', event.data);
    };
    let told = false;
    socket.onerror = (event: Event) => {
      // Node's `ws` says why a handshake failed; browsers never expose the status.
      const status = /\b(40[13]|429|5\d\d)\b/.exec(String((event as { message?: string }).message))?.[1];
      if (status) told = true;
      if (status === '401' || status === '403') refused = true;
    };
    socket.onclose = () => {
      if (id !== this.#socketId) return;
      if (opened || told || !this.#options.checkToken || this.#vouched === token) {
        this.#afterHandshake(refused);
        return;
      }
      // A browser: the handshake failed without a status. Ask the HTTP API whether the token is the reason.
      this.#socket = undefined;
      this.#clearTimer('connect');
      this.#options.checkToken(token).then(
        (verdict) => {
          if (id !== this.#socketId) return;
          if (verdict === 'accepted') this.#vouched = token;
          this.#afterHandshake(verdict === 'refused');
        },
        () => id === this.#socketId && this.#afterHandshake(false),
      );
    };
  }

  #afterHandshake(refused: boolean): void {
    if (refused) this.#refusals++;
    this.#drop(refused ? 'auth refused' : 'socket closed');
  }

  /** The current socket is gone (or must go): tidy up and reconnect unless final. */
  #drop(reason: StateReason): void {
    if (this.#isFinal() || this.state === 'idle') return;
    const socket = this.#socket;
    this.#socket = undefined;
    this.#socketId++;
    this.#clearAllTimers();
    if (socket) closeQuietly(socket);
    if (this.#refusals >= 2) {
      // Refused twice, the second time with a token fetched fresh: retrying cannot help.
      this.emit('fatal', new ChatError('unauthorized', 'the server refused the token'));
      this.#finish('failed', 'auth refused');
      return;
    }
    this.#move('reconnecting', reason);
    // A planned renewal, and the first refusal (the next attempt fetches a fresh token), go at once.
    if (reason === 'planned' || reason === 'auth refused') {
      void this.#open();
    } else if (reason !== 'offline') {
      this.#scheduleRetry();
    }
  }

  #scheduleRetry(): void {
    if (!this.#env.isOnline()) return; // the `online` event resumes
    const delay = backoffDelay(this.#attempt++, this.#timing.backoff);
    this.#setTimer('retry', delay, () => void this.#open());
  }

  #retryNow(): void {
    if (this.state !== 'reconnecting' && this.state !== 'connecting') return;
    if (this.#socket) return; // an attempt is in flight
    this.#attempt = 0;
    this.#clearTimer('retry');
    void this.#open();
  }

  /** The page came back into view or online: a socket silent for a while may have died meanwhile. */
  #onVisible(): void {
    if (this.state === 'reconnecting') this.#retryNow();
    else if (this.state === 'open' && Date.now() - this.#lastFrameAt > this.#timing.pongTimeoutMs)
      this.#ping();
  }

  #armHeartbeat(): void {
    const check = () => {
      const idle = Date.now() - this.#lastFrameAt;
      if (idle >= this.#timing.heartbeatMs) this.#ping();
      this.#setTimer(
        'heartbeat',
        Math.max(this.#timing.heartbeatMs - Math.min(idle, this.#timing.heartbeatMs), 1000),
        check,
      );
    };
    this.#setTimer('heartbeat', this.#timing.heartbeatMs, check);
  }

  #ping(): void {
    if (this.#timers.has('pong')) return;
    // Answered by API Gateway itself (a MOCK route): any frame back proves the socket alive.
    if (!this.send(PING)) return;
    this.#setTimer('pong', this.#timing.pongTimeoutMs, () => this.#drop('heartbeat timeout'));
  }

  #finish(state: 'closed' | 'failed', reason: StateReason): void {
    if (this.#isFinal()) return;
    this.#socketId++;
    this.#clearAllTimers();
    if (this.#socket) closeQuietly(this.#socket, 1000);
    this.#socket = undefined;
    this.#unlisten?.();
    // An idle connection closes straight away; every other state records its reason.
    if (this.state === 'idle' && state === 'closed') this.#move('closed', reason);
    else this.#move(state, reason);
  }

  #isFinal(): boolean {
    return this.state === 'closed' || this.state === 'failed';
  }

  #setTimer(name: TimerName, ms: number, run: () => void): void {
    this.#clearTimer(name);
    this.#timers.set(
      name,
      setTimeout(() => {
        this.#timers.delete(name);
        run();
      }, ms),
    );
  }

  #clearTimer(name: TimerName): void {
    const timer = this.#timers.get(name);
    if (timer !== undefined) clearTimeout(timer);
    this.#timers.delete(name);
  }

  #clearAllTimers(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}

function closeQuietly(socket: WebSocket, code?: number): void {
  socket.onopen = socket.onmessage = socket.onclose = null;
  // Not null: in Node, `ws` reports closing a still-connecting socket as an 'error' event, and an
  // 'error' with no listener crashes the process.
  socket.onerror = () => {};
  try {
    if (socket.readyState === 0 || socket.readyState === 1) socket.close(code);
  } catch {
    // Already closing.
  }
}

import type { Endpoint } from './relay.js';

/** What a virtual socket asks of its group: carry its frames to the leader's connection. */
export interface SocketCarrier {
  send(socket: VirtualSocket, text: string): void;
  /** The socket's Connection closed it. */
  close(socket: VirtualSocket, code: number | undefined): void;
  /** The socket closed from the leader's side (the connection closed, or the leader went). */
  gone(socket: VirtualSocket): void;
}

/**
 * The WebSocket an SDK Connection holds in a tab that shares the leader's connection: the part of the
 * WebSocket API a Connection uses (readyState, the four handlers, send, close). It opens when the
 * leader's connection is open for it, and closes when that connection closes or the leader goes: its
 * Connection then reconnects (to the next leader) and its client resumes every room from its cursor.
 */
export class VirtualSocket implements Endpoint {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;

  constructor(
    /** Numbers the socket within its tab. */
    readonly number: number,
    /** The subprotocols its Connection offers (`chat.v1` and the token). */
    readonly protocols: string[],
    private readonly carrier: SocketCarrier,
  ) {}

  /** The subprotocol the server selected (the one the SDK offers first). */
  get protocol(): string {
    return this.readyState === 1 ? (this.protocols[0] ?? '') : '';
  }

  send(text: string): void {
    if (this.readyState !== 1) throw new Error('the shared socket is not open');
    this.carrier.send(this, text);
  }

  close(code?: number): void {
    if (this.readyState > 1) return;
    this.readyState = 3;
    this.carrier.close(this, code);
    this.#dispatch(() => this.onclose?.({ code: code ?? 1005, reason: '', wasClean: true } as CloseEvent));
  }

  opened(): void {
    if (this.readyState !== 0) return;
    this.readyState = 1;
    this.#dispatch(() => this.onopen?.(new Event('open')));
  }

  deliver(text: string): void {
    if (this.readyState === 1) this.#dispatch(() => this.onmessage?.({ data: text } as MessageEvent));
  }

  closed(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.carrier.gone(this);
    this.#dispatch(() => this.onclose?.({ code: 1006, reason: '', wasClean: false } as CloseEvent));
  }

  /**
   * Events fire later, in order, as a WebSocket's do: a socket may open while still being constructed
   * (the leader's connection is open already), before its holder has set `onopen`.
   */
  #dispatch(event: () => void): void {
    queueMicrotask(event);
  }
}

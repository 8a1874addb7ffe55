import { Emitter } from './emitter.js';
import { ChatError } from './errors.js';
import type { AckFrame, ChatMessage, ChatUser } from './protocol/types.js';

/** A message on its way: `sending` until the server acks it (then it leaves the outbox), or `failed`. */
export interface OutgoingMessage {
  /** The id the client made; the stored message carries it as `clientId`. */
  clientId: string;
  text: string;
  status: 'sending' | 'failed';
  /** Why it failed, when it did. */
  error?: ChatError;
  /** When `send` was called, in ms since the epoch. */
  createdAt: number;
}

/** Events of a room. */
export interface RoomEvents {
  /** A message new to this client, live or recovered after a reconnect; never the same id twice. */
  message: ChatMessage;
  /** Someone else is typing (show it for a few seconds). */
  typing: { user: ChatUser };
  /** Someone came online in the room, or went offline. */
  presence: { user: ChatUser; status: 'online' | 'offline' };
  /** The outbox changed: the messages still sending or failed, oldest first. */
  outbox: readonly OutgoingMessage[];
}

/** Options of `room.history`. */
export interface HistoryOptions {
  /** At most this many messages (1 to 100; the server's default is 50). */
  limit?: number;
  /** Only messages older than this message id. */
  before?: string;
}

/** A page of history, oldest first. */
export interface HistoryPage {
  messages: ChatMessage[];
  hasMore: boolean;
}

/** A joined room. */
export interface Room {
  /** The room id. */
  readonly id: string;
  /** Users online in the room now (from the join and later presence events). */
  readonly online: readonly ChatUser[];
  /** Messages still sending or failed, oldest first. */
  readonly outbox: readonly OutgoingMessage[];
  /** Subscribes to a room event; returns the function that unsubscribes. */
  on<K extends keyof RoomEvents>(event: K, listener: (payload: RoomEvents[K]) => void): () => void;
  /**
   * Sends a message; resolves with the stored message once the server acked it. While disconnected it
   * waits in the outbox and goes out after the reconnect, with the same client id, so it is stored once.
   */
  send(text: string): Promise<ChatMessage>;
  /** Sends a failed message again (same client id: never stored twice). */
  retry(clientId: string): Promise<ChatMessage>;
  /** Drops a failed message from the outbox. */
  discard(clientId: string): void;
  /** Loads a page of older messages. */
  history(options?: HistoryOptions): Promise<HistoryPage>;
  /** Tells the room this user is typing; cheap to call on every keystroke (throttled). */
  typing(): void;
  /** Stops receiving this room's messages. */
  leave(): Promise<void>;
}

/** Options of a room's request. */
export interface RequestOptions {
  /** Send now on an open socket, before the client is ready (used to resume rooms). */
  immediate?: boolean;
  /** Give up at once rather than wait for a connection (ephemeral frames like typing). */
  onlyIfReady?: boolean;
}

/** What a room needs from its client. */
export interface RoomChannel {
  request(frame: Record<string, unknown>, options?: RequestOptions): Promise<AckFrame>;
  newClientId(): string;
  /** Called when the room was left. */
  forget(room: string): void;
  /** The most messages the outbox holds. */
  maxOutbox: number;
}

// The lowest message id: the resume point of a room that was empty when joined (all it holds is new).
const BEGINNING = '0'.repeat(26);
// Enough to catch any duplicate a reconnect can produce, small enough to forget old ids.
const SEEN_LIMIT = 2000;
// The server relays one typing frame per 2 s; sending more only costs.
const TYPING_INTERVAL_MS = 2000;
// A send refused as rate_limited waits the server's hint and goes again, this many times.
const RATE_LIMIT_RETRIES = 3;

/** The client's state for one joined room: dedupe, resume point, outbox and delivery. */
export class RoomState extends Emitter<RoomEvents> implements Room {
  /** Newest message id seen: where a resume starts. */
  lastId: string | undefined;
  #seen = new Set<string>();
  #outbox = new Map<string, OutgoingMessage>();
  #online = new Map<string, ChatUser>();
  #lastTypingAt = 0;
  #sendQueue: Promise<unknown> = Promise.resolve();
  /** Live messages that arrive while a resume is still fetching older ones wait here, to keep order. */
  #held: ChatMessage[] | undefined;

  constructor(
    readonly id: string,
    private readonly channel: RoomChannel,
  ) {
    super();
  }

  get online(): readonly ChatUser[] {
    return [...this.#online.values()];
  }

  get outbox(): readonly OutgoingMessage[] {
    return [...this.#outbox.values()].map((item) => ({ ...item }));
  }

  send(text: string): Promise<ChatMessage> {
    if (typeof text !== 'string') return Promise.reject(new ChatError('invalid', 'text must be a string'));
    if (this.#outbox.size >= this.channel.maxOutbox) {
      return Promise.reject(
        new ChatError('rate_limited', `the outbox is full (${this.channel.maxOutbox} messages)`),
      );
    }
    const item: OutgoingMessage = {
      clientId: this.channel.newClientId(),
      text,
      status: 'sending',
      createdAt: Date.now(),
    };
    this.#outbox.set(item.clientId, item);
    this.#emitOutbox();
    return this.#inTurn(item);
  }

  retry(clientId: string): Promise<ChatMessage> {
    const item = this.#outbox.get(clientId);
    if (item?.status !== 'failed') {
      return Promise.reject(new ChatError('invalid', `no failed message ${clientId} to retry`));
    }
    item.status = 'sending';
    delete item.error;
    this.#emitOutbox();
    return this.#inTurn(item);
  }

  discard(clientId: string): void {
    if (this.#outbox.get(clientId)?.status === 'failed' && this.#outbox.delete(clientId)) this.#emitOutbox();
  }

  async history(options: HistoryOptions = {}): Promise<HistoryPage> {
    const ack = await this.channel.request({ action: 'history', room: this.id, ...options });
    const messages = ack.messages ?? [];
    // What the app has seen through history is a resume point too: without it, a client that only
    // loaded history would re-join after a drop with nothing to resume from and miss the outage.
    for (const message of messages) this.#advance(message.id);
    return { messages, hasMore: ack.hasMore ?? false };
  }

  typing(): void {
    const now = Date.now();
    if (now - this.#lastTypingAt < TYPING_INTERVAL_MS) return;
    this.#lastTypingAt = now;
    this.channel.request({ action: 'typing', room: this.id }, { onlyIfReady: true }).catch(() => {
      // Typing is a hint: losing one is harmless.
    });
  }

  async leave(): Promise<void> {
    this.channel.forget(this.id);
    await this.channel.request({ action: 'leave', room: this.id });
  }

  /** Takes in the server's answer to a join: who is online, and the resume point of a client that saw nothing. */
  noteJoin(ack: AckFrame): void {
    if (ack.latest) this.#advance(ack.latest);
    if (ack.online) this.#online = new Map(ack.online.map((user) => [user.id, user]));
  }

  /** Re-subscribes after a reconnect and delivers, in order, every message missed since `lastId`. */
  async resume(): Promise<void> {
    this.#held ??= [];
    try {
      const after = this.lastId ?? BEGINNING;
      let ack = await this.channel.request({ action: 'join', room: this.id, after }, { immediate: true });
      this.noteJoin(ack);
      this.#deliverAll(ack.messages);
      while (ack.hasMore && this.lastId) {
        ack = await this.channel.request(
          { action: 'history', room: this.id, after: this.lastId, limit: 100 },
          { immediate: true },
        );
        this.#deliverAll(ack.messages);
      }
    } finally {
      // The server subscribes the connection before reading what was missed, so a live message can
      // overtake an older missed one: release the held ones only now, in id order.
      const held = this.#held.sort((a, b) => (a.id < b.id ? -1 : 1));
      this.#held = undefined;
      this.#deliverAll(held);
    }
  }

  /** Takes in a live message frame: delivered now, or after the resume in progress. */
  receive(message: ChatMessage): void {
    if (this.#held) this.#held.push(message);
    else this.deliver(message);
  }

  /** Emits a message unless this room already emitted its id. */
  deliver(message: ChatMessage): void {
    if (this.#seen.has(message.id)) return;
    this.#seen.add(message.id);
    if (this.#seen.size > SEEN_LIMIT) {
      const oldest = this.#seen.values().next().value as string;
      this.#seen.delete(oldest);
    }
    this.#advance(message.id);
    this.emit('message', message);
  }

  /** Takes in a presence frame. */
  notePresence(user: ChatUser, status: 'online' | 'offline'): void {
    if (status === 'online') this.#online.set(user.id, user);
    else this.#online.delete(user.id);
    this.emit('presence', { user, status });
  }

  /**
   * One send in flight per room: the server orders by the id it makes on arrival, so sends racing
   * each other (an outbox flushed after a reconnect) could land in another order than they were written.
   */
  #inTurn(item: OutgoingMessage): Promise<ChatMessage> {
    const result = this.#sendQueue.then(() => this.#transmit(item));
    this.#sendQueue = result.catch(() => undefined);
    return result;
  }

  async #transmit(item: OutgoingMessage): Promise<ChatMessage> {
    for (let attempt = 0; ; attempt++) {
      try {
        const ack = await this.channel.request({
          action: 'send',
          room: this.id,
          text: item.text,
          id: item.clientId,
        });
        const message = ack.message as ChatMessage;
        this.#outbox.delete(item.clientId);
        this.#emitOutbox();
        this.deliver(message);
        return message;
      } catch (error) {
        const chatError = error instanceof ChatError ? error : new ChatError('internal', String(error));
        const wait = chatError.retryAfterMs;
        if (chatError.code === 'rate_limited' && wait !== undefined && attempt < RATE_LIMIT_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        if (this.#outbox.has(item.clientId)) {
          item.status = 'failed';
          item.error = chatError;
          this.#emitOutbox();
        }
        throw chatError;
      }
    }
  }

  #emitOutbox(): void {
    this.emit('outbox', this.outbox);
  }

  #advance(id: string): void {
    if (!this.lastId || id > this.lastId) this.lastId = id;
  }

  #deliverAll(messages: ChatMessage[] | undefined): void {
    for (const message of messages ?? []) this.deliver(message);
  }
}

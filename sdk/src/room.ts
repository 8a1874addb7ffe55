import { Emitter } from './emitter.js';
import type { AckFrame, ChatMessage } from './protocol/types.js';

/** Events of a room. */
export interface RoomEvents {
  /** A message new to this client, live or recovered after a reconnect; never the same id twice. */
  message: ChatMessage;
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
  /** Subscribes to a room event; returns the function that unsubscribes. */
  on<K extends keyof RoomEvents>(event: K, listener: (payload: RoomEvents[K]) => void): () => void;
  /** Sends a message; resolves with the stored message once the server acked it. */
  send(text: string): Promise<ChatMessage>;
  /** Loads a page of older messages. */
  history(options?: HistoryOptions): Promise<HistoryPage>;
}

/** What a room needs from its client. */
export interface RoomChannel {
  request(frame: Record<string, unknown>, immediate?: boolean): Promise<AckFrame>;
  newClientId(): string;
}

// Enough to catch any duplicate a reconnect can produce, small enough to forget old ids.
const SEEN_LIMIT = 2000;

/** The client's state for one joined room: dedupe, resume point and delivery. */
export class RoomState extends Emitter<RoomEvents> implements Room {
  /** Newest message id seen: where a resume starts. */
  lastId: string | undefined;
  #seen = new Set<string>();

  constructor(
    readonly id: string,
    private readonly channel: RoomChannel,
  ) {
    super();
  }

  async send(text: string): Promise<ChatMessage> {
    const ack = await this.channel.request({
      action: 'send',
      room: this.id,
      text,
      id: this.channel.newClientId(),
    });
    const message = ack.message as ChatMessage;
    this.deliver(message);
    return message;
  }

  async history(options: HistoryOptions = {}): Promise<HistoryPage> {
    const ack = await this.channel.request({ action: 'history', room: this.id, ...options });
    const messages = ack.messages ?? [];
    // What the app has seen through history is a resume point too: without it, a client that only
    // loaded history would re-join after a drop with nothing to resume from and miss the outage.
    for (const message of messages) this.advance(message.id);
    return { messages, hasMore: ack.hasMore ?? false };
  }

  /** Records the server's newest message id at join time, so a later resume starts there. */
  noteLatest(id: string | undefined): void {
    if (id) this.advance(id);
  }

  /** Re-subscribes after a reconnect and delivers, in order, every message missed since `lastId`. */
  async resume(): Promise<void> {
    let ack = await this.channel.request({ action: 'join', room: this.id, after: this.lastId }, true);
    this.deliverAll(ack.messages);
    while (ack.hasMore && this.lastId) {
      ack = await this.channel.request(
        { action: 'history', room: this.id, after: this.lastId, limit: 100 },
        true,
      );
      this.deliverAll(ack.messages);
    }
  }

  /** Emits a message unless this room already emitted its id. */
  deliver(message: ChatMessage): void {
    if (this.#seen.has(message.id)) return;
    this.#seen.add(message.id);
    if (this.#seen.size > SEEN_LIMIT) {
      const oldest = this.#seen.values().next().value as string;
      this.#seen.delete(oldest);
    }
    this.advance(message.id);
    this.emit('message', message);
  }

  private advance(id: string): void {
    if (!this.lastId || id > this.lastId) this.lastId = id;
  }

  private deliverAll(messages: ChatMessage[] | undefined): void {
    for (const message of messages ?? []) this.deliver(message);
  }
}

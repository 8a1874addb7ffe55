import { Emitter } from './emitter.js';
import { ChatError } from './errors.js';
import { OrderedFeed } from './feed.js';
import { type ModerationNotice, noticeInfo } from './moderation.js';
import { type IdentityLink, relabelMessage } from './protocol/links.js';
import type { AckFrame, ChatMessage, ChatUser, RemovedReason, RoomInfo } from './protocol/types.js';

/**
 * A message on its way: `sending` until the server acks it (then it leaves the outbox), `failed`, or
 * `held` for a moderator's review (it leaves the outbox when approved and delivered, or turned down).
 */
export interface OutgoingMessage {
  /** The id the client made; the stored message carries it as `clientId`. */
  clientId: string;
  text: string;
  status: 'sending' | 'failed' | 'held';
  /** Why it failed, when it did. */
  error?: ChatError;
  /** When `send` was called, in ms since the epoch. */
  createdAt: number;
}

/** Events of a room. */
export interface RoomEvents {
  /**
   * A message new to this client, live or recovered after a reconnect, in the room's order (by `seq`,
   * the same on every client, own messages included); never the same message twice, none skipped.
   */
  message: ChatMessage;
  /** Someone else is typing (show it for a few seconds). */
  typing: { user: ChatUser };
  /** Someone came online in the room, or went offline. */
  presence: { user: ChatUser; status: 'online' | 'offline' };
  /** The outbox changed: the messages still sending or failed, oldest first. */
  outbox: readonly OutgoingMessage[];
  /**
   * This client no longer receives the room: removed from a private room's members, or the room was
   * made private without it. The room is forgotten; joining again is refused while that holds.
   */
  removed: { reason: RemovedReason };
  /**
   * A guest in the room became an account (signed up or in): it is one person now. `online` already
   * shows the account instead of the guest, and messages this room emits from now on show the
   * guest's earlier ones as the account's; relabel those you hold with `relabelMessage`.
   */
  identity: IdentityLink;
  /** A message was edited (same `seq`, new text, `editedAt`). */
  update: ChatMessage;
  /** A message was deleted: the tombstone that replaces it (same `seq`, empty text, `deleted`). */
  delete: ChatMessage;
  /**
   * Moderation that concerns you or the room: you were muted (`until`, `reason`) or unmuted, your role
   * changed, the room's slow mode or link policy changed, a held message of yours was turned down.
   * `room.info` is already updated when it fires.
   */
  moderation: ModerationNotice;
}

/** Options of `room.history`. */
export interface HistoryOptions {
  /** At most this many messages (1 to 100; the server's default is 50; pages are also cut to fit 128 KB). */
  limit?: number;
  /** Only messages before this position (a message's `seq`); the newest when absent. */
  before?: number;
}

/** A page of history, oldest first. */
export interface HistoryPage {
  messages: ChatMessage[];
  /** Older messages remain. */
  hasMore: boolean;
}

/** A joined room. */
export interface Room {
  /** The room id. */
  readonly id: string;
  /** What the room is (visibility, title, owner) and your role in it, once joined. */
  readonly info: RoomInfo | undefined;
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
  /** Drops a failed or held message from the outbox. */
  discard(clientId: string): void;
  /** Loads a page of older messages (before the newest, or before `options.before`). */
  history(options?: HistoryOptions): Promise<HistoryPage>;
  /** Tells the room this user is typing; cheap to call on every keystroke (throttled). */
  typing(): void;
  /** Stops receiving this room's messages. */
  leave(): Promise<void>;
  /** Adds a signed-in user to a private room (members may; idempotent). */
  addMember(userId: string): Promise<void>;
  /**
   * Removes a member from a private room: the owner removes anyone but themself, a member only
   * themself. Their open connections stop receiving the room at once and get a `removed` event.
   */
  removeMember(userId: string): Promise<void>;
  /**
   * Sends one protocol frame about this room (PROTOCOL.md; `room` and a `ref` are added) and resolves
   * with its ack, or rejects with a ChatError. The moderation calls (`editMessage`, `muteUser`…) use it.
   */
  request(frame: Record<string, unknown>): Promise<AckFrame>;
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

// The server relays one typing frame per 2 s; sending more only costs.
const TYPING_INTERVAL_MS = 2000;
// A send refused as rate_limited waits the server's hint and goes again, this many times.
const RATE_LIMIT_RETRIES = 3;
// A message that overtook an older one waits this long for it before the gap is asked for.
const GAP_WAIT_MS = 500;
// Pages a catch-up waits on a position still being written before giving up until the next reconnect.
const MAX_PENDING_WAITS = 40;

/** The client's state for one joined room: ordered delivery, resume point, outbox, presence. */
export class RoomState extends Emitter<RoomEvents> implements Room {
  info: RoomInfo | undefined;
  #feed = new OrderedFeed((message) => this.emit('message', this.#relabel(message)));
  #links: IdentityLink[] = [];
  #outbox = new Map<string, OutgoingMessage>();
  #online = new Map<string, ChatUser>();
  #lastTypingAt = 0;
  #sendQueue: Promise<unknown> = Promise.resolve();
  #fillTimer: ReturnType<typeof setTimeout> | undefined;
  /** A resume or gap fill is asking the server: no other starts meanwhile. */
  #catchingUp = false;

  constructor(
    readonly id: string,
    private readonly channel: RoomChannel,
  ) {
    super();
  }

  /** Every position up to here was delivered or is settled; undefined until the first join answered. */
  get cursor(): number | undefined {
    return this.#feed.cursor;
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
    const status = this.#outbox.get(clientId)?.status;
    if (status && status !== 'sending' && this.#outbox.delete(clientId)) this.#emitOutbox();
  }

  async history(options: HistoryOptions = {}): Promise<HistoryPage> {
    const ack = await this.channel.request({ action: 'history', room: this.id, ...options });
    return { messages: (ack.messages ?? []).map((m) => this.#relabel(m)), hasMore: ack.hasMore ?? false };
  }

  typing(): void {
    const now = Date.now();
    if (now - this.#lastTypingAt < TYPING_INTERVAL_MS) return;
    this.#lastTypingAt = now;
    this.channel.request({ action: 'typing', room: this.id }, { onlyIfReady: true }).catch(() => {
      // Typing is a hint: losing one is harmless.
    });
  }

  async addMember(userId: string): Promise<void> {
    await this.channel.request({ action: 'add_member', room: this.id, user: userId });
  }

  async removeMember(userId: string): Promise<void> {
    await this.channel.request({ action: 'remove_member', room: this.id, user: userId });
  }

  async leave(): Promise<void> {
    this.#stop();
    this.channel.forget(this.id);
    await this.channel.request({ action: 'leave', room: this.id });
  }

  /**
   * Takes in the server's answer to a join: what the room is, who is online, and the feed. The first
   * answer sets where this client's feed starts (the server picks it below any message still being
   * written); a resume's answer carries what was missed after the cursor.
   */
  noteJoin(ack: AckFrame): void {
    if (ack.info) this.info = ack.info;
    if (ack.online) this.#online = new Map(ack.online.map((user) => [user.id, user]));
    this.#feed.start(ack.upTo ?? ack.latest ?? 0);
    this.#takePage(ack);
  }

  /**
   * Re-subscribes after a reconnect and delivers, in order, every message missed since the cursor,
   * paging on while the server has more and waiting out a position still being written. Live messages
   * arriving meanwhile wait in the feed for their turn. A room not joined yet does nothing here: its
   * join goes out as a queued request.
   */
  async resume(): Promise<void> {
    if (this.#feed.cursor === undefined) return;
    this.#catchingUp = true;
    clearTimeout(this.#fillTimer);
    this.#fillTimer = undefined;
    try {
      const join = { action: 'join', room: this.id, after: this.#feed.cursor };
      let ack = await this.channel.request(join, { immediate: true });
      this.noteJoin(ack);
      for (let waits = 0; ack.hasMore && waits <= MAX_PENDING_WAITS; ) {
        if (ack.pending) {
          waits++;
          await sleep(ack.retryAfterMs ?? GAP_WAIT_MS);
        }
        ack = await this.channel.request(this.#pageAfterCursor(), { immediate: true });
        this.#takePage(ack);
      }
    } finally {
      this.#catchingUp = false;
      this.#watchGap();
    }
  }

  /** Takes in a live message frame, a sent message's ack or a page's message: emitted in turn, once. */
  receive(message: ChatMessage): void {
    // A held message of ours that a moderator approved arrives like any other: it leaves the outbox.
    this.#drop(message.clientId);
    this.#feed.offer(message);
    this.#watchGap();
  }

  request(frame: Record<string, unknown>): Promise<AckFrame> {
    return this.channel.request({ ...frame, room: this.id });
  }

  // Moderation (issue 13): what the server tells; the calls are functions in moderation.ts.

  /**
   * Takes in an `update` frame. A message this client has not emitted yet takes the new version's
   * place in the feed (it is emitted once, as it is now); one already emitted is announced changed.
   */
  noteUpdate(message: ChatMessage): void {
    if (message.seq > (this.#feed.cursor ?? 0)) this.receive(message);
    else this.emit(message.deleted ? 'delete' : 'update', message);
  }

  /** Takes in a `moderation` frame about this room or this client: updates `info`, then tells the app. */
  noteModeration(notice: ModerationNotice): void {
    this.info = noticeInfo(this.info, notice);
    if (notice.kind === 'rejected' && notice.clientId) this.#drop(notice.clientId);
    this.emit('moderation', notice);
  }

  #drop(clientId: string): void {
    if (this.#outbox.delete(clientId)) this.#emitOutbox();
  }

  /** The server ended this client's subscription: stop, tell the app, forget the room. */
  noteRemoved(reason: RemovedReason): void {
    this.#stop();
    this.channel.forget(this.id);
    this.emit('removed', { reason });
  }

  /** Takes in a presence frame; emits only a change (a linked guest's departure is none: see noteIdentity). */
  notePresence(user: ChatUser, status: 'online' | 'offline'): void {
    const was = this.#online.has(user.id);
    if (status === 'online') this.#online.set(user.id, user);
    else this.#online.delete(user.id);
    if (was !== (status === 'online')) this.emit('presence', { user, status });
  }

  /**
   * Takes in an identity frame: the guest is the account now. Online, the guest gives way to the
   * account, so the guest's departure and the account's arrival that follow change nothing.
   */
  noteIdentity(link: IdentityLink): void {
    this.#links.push(link);
    if (this.#online.delete(link.from)) this.#online.set(link.to.id, link.to);
    this.emit('identity', link);
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
        this.receive(message);
        return message;
      } catch (error) {
        const chatError = error instanceof ChatError ? error : new ChatError('internal', String(error));
        const wait = chatError.retryAfterMs;
        if (chatError.code === 'rate_limited' && wait !== undefined && attempt < RATE_LIMIT_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        if (this.#outbox.has(item.clientId)) {
          // Held for review: it stays in the outbox as such until approved or turned down.
          item.status = chatError.code === 'held' ? 'held' : 'failed';
          item.error = chatError;
          this.#emitOutbox();
        }
        throw chatError;
      }
    }
  }

  #relabel(message: ChatMessage): ChatMessage {
    return this.#links.reduce(relabelMessage, message);
  }

  #emitOutbox(): void {
    this.emit('outbox', this.outbox);
  }

  /** Takes a forward page (a join's or a catch-up's): its messages, then what it settled. */
  #takePage(ack: AckFrame): void {
    for (const message of ack.messages ?? []) this.#feed.offer(message);
    if (ack.upTo !== undefined) this.#feed.settle(ack.upTo);
    if (ack.latest !== undefined) this.#feed.noteLatest(ack.latest);
    this.#watchGap();
  }

  #pageAfterCursor(): Record<string, unknown> {
    return { action: 'history', room: this.id, after: this.#feed.cursor, limit: 100 };
  }

  /**
   * A message that overtook an older one (racing fan-outs, an own ack coming straight back, a post
   * that failed) waits briefly; then the gap is asked for, without waiting for a reconnect.
   */
  #watchGap(delay = GAP_WAIT_MS): void {
    if (!this.#feed.hasGap || this.#fillTimer || this.#catchingUp) return;
    this.#fillTimer = setTimeout(() => void this.#fillGap(), delay);
  }

  async #fillGap(): Promise<void> {
    this.#fillTimer = undefined;
    if (!this.#feed.hasGap || this.#catchingUp) return;
    this.#catchingUp = true;
    let next = GAP_WAIT_MS;
    try {
      const ack = await this.channel.request(this.#pageAfterCursor(), { onlyIfReady: true });
      this.#takePage(ack);
      next = ack.pending ? (ack.retryAfterMs ?? GAP_WAIT_MS) : 0;
    } catch (error) {
      // Not connected: the resume after the reconnect fills it. Anything else: try again later.
      if ((error as ChatError).code === 'network') return;
      next = 4 * GAP_WAIT_MS;
    } finally {
      this.#catchingUp = false;
    }
    this.#watchGap(next);
  }

  #stop(): void {
    clearTimeout(this.#fillTimer);
    this.#fillTimer = undefined;
    this.#catchingUp = true;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import type { ChatMessage } from './protocol/types.js';

/**
 * A room's messages in the room's one order, each exactly once. Messages arrive by several paths
 * (live frames, the sender's own ack, resume and gap pages), in any order and maybe twice; each has a
 * position (`seq`). The feed emits position `cursor + 1` as soon as it has it, holds any later one
 * until the gap below it is filled or settled, and drops anything at or below the cursor.
 */
export class OrderedFeed {
  /** Every position up to here was emitted or is settled (skipped, expired); undefined before the start. */
  cursor: number | undefined;
  /** The highest position known to exist (announced by the server or seen). */
  known = 0;
  #held = new Map<number, ChatMessage>();

  constructor(private readonly emit: (message: ChatMessage) => void) {}

  /** Where emission starts for a reader that saw nothing: positions up to `upTo` are history. */
  start(upTo: number): void {
    if (this.cursor !== undefined) return;
    this.cursor = upTo;
    for (const seq of this.#held.keys()) if (seq <= upTo) this.#held.delete(seq);
    this.#drain();
  }

  /** Takes a message from any path; it is emitted when its turn comes, never twice. */
  offer(message: ChatMessage): void {
    if (this.cursor !== undefined && message.seq <= this.cursor) return;
    this.#held.set(message.seq, message);
    this.known = Math.max(this.known, message.seq);
    this.#drain();
  }

  /** The server settled every position up to `upTo`: emit what is held below it, then move past it. */
  settle(upTo: number): void {
    if (this.cursor === undefined || upTo <= this.cursor) return;
    for (const seq of [...this.#held.keys()].sort((a, b) => a - b)) {
      if (seq > upTo) break;
      this.#emitHeld(seq);
    }
    this.cursor = upTo;
    this.known = Math.max(this.known, upTo);
    this.#drain();
  }

  /** The server said positions up to `latest` exist. */
  noteLatest(latest: number): void {
    this.known = Math.max(this.known, latest);
  }

  /** Something known to exist has not arrived: a held message waits beyond a gap, or a position was announced. */
  get hasGap(): boolean {
    return this.cursor !== undefined && this.known > this.cursor;
  }

  /** How many messages wait beyond a gap. */
  get heldCount(): number {
    return this.#held.size;
  }

  #drain(): void {
    if (this.cursor === undefined) return;
    while (this.#held.has(this.cursor + 1)) this.#emitHeld(this.cursor + 1);
  }

  #emitHeld(seq: number): void {
    const message = this.#held.get(seq) as ChatMessage;
    this.#held.delete(seq);
    this.cursor = seq;
    this.emit(message);
  }
}

/** The verdict on one frame. */
export interface RateVerdict {
  allowed: boolean;
  /** When the current window ends, in ms: how long a refused client should wait. */
  retryAfterMs: number;
  /** The identity went on sending far past its limit: its socket should be closed. */
  abusive: boolean;
}

/** Adds frames to an identity's shared count for a window and returns the total. */
export type SharedCounter = (userId: string, window: number, frames: number) => Promise<number>;

interface Entry {
  window: number;
  /** Frames this instance saw in the window. */
  seen: number;
  /** Of those, how many were added to the shared count. */
  shared: number;
}

// Past this many times its limit in one window, an identity is not a client that missed a few
// rate_limited answers but a script ignoring them.
const ABUSE_FACTOR = 3;
// Entries of past windows are dropped once the map holds this many identities.
const MAX_ENTRIES = 10_000;

/**
 * Counts frames per identity across all its sockets in fixed windows, without a write per frame:
 * each Lambda instance lets an identity through on its own count up to a quarter of the limit per
 * window, and only past that adds to the shared count in DynamoDB (one atomic write per frame) and
 * decides on the total. Honest clients never reach the shared count; an identity spreading frames over
 * N instances gets at most N × limit/4 frames past the limit before every further frame is checked.
 */
export class RateGate {
  #entries = new Map<string, Entry>();

  constructor(
    private readonly windowMs: number,
    private readonly counter: SharedCounter,
  ) {}

  /** Counts one frame of `userId`, whose limit is `limit` frames per window. */
  async check(userId: string, limit: number, now = Date.now()): Promise<RateVerdict> {
    const window = Math.floor(now / this.windowMs);
    const retryAfterMs = (window + 1) * this.windowMs - now;
    const entry = this.#entry(userId, window);
    entry.seen++;
    const localShare = Math.max(1, Math.ceil(limit / 4));
    if (entry.shared === 0 && entry.seen <= localShare)
      return { allowed: true, retryAfterMs, abusive: false };
    // Marked shared before the write, so frames checked concurrently are never added twice.
    const frames = entry.seen - entry.shared;
    entry.shared = entry.seen;
    const total = await this.counter(userId, window, frames);
    return { allowed: total <= limit, retryAfterMs, abusive: total > ABUSE_FACTOR * limit };
  }

  #entry(userId: string, window: number): Entry {
    let entry = this.#entries.get(userId);
    if (!entry || entry.window !== window) {
      if (this.#entries.size >= MAX_ENTRIES) this.#prune(window);
      entry = { window, seen: 0, shared: 0 };
      this.#entries.set(userId, entry);
    }
    return entry;
  }

  #prune(window: number): void {
    for (const [userId, entry] of this.#entries) if (entry.window !== window) this.#entries.delete(userId);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
  }
}

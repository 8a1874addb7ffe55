import type { ChatMessage } from '@org/chat-sdk/protocol';

/**
 * How long after its position was allocated a message may still become visible. The send handler
 * gives up writing (and marks the position skipped) `WRITE_DEADLINE_MS` after allocating it, and its
 * DynamoDB calls time out well before this; a missing position older than this is settled for good.
 */
export const HOLE_MS = 10_000;

/** One row of a room's position index: a message, or a position that was skipped on purpose. */
export interface PositionRow {
  seq: number;
  /** When the position's message was written (ms); for a skipped position, when it was skipped. */
  ts: number;
  /** Absent for a skipped position. */
  message?: ChatMessage;
  /** Expired by retention (dynalite never deletes, and AWS deletes late): settled, never shown. */
  expired?: boolean;
  /** A shadowed message: shown to this author only, a settled (skipped) position for everyone else. */
  shadowOf?: string;
}

/** A page read forwards from a position, as `join` and `history {after}` answer it. */
export interface ForwardPage {
  messages: ChatMessage[];
  /** Every position up to this one is settled: in `messages`, skipped or expired. */
  upTo: number;
  /** More rows lie beyond `upTo`. */
  hasMore: boolean;
  /** Stopped before a position that may still be written; ask again after a short wait. */
  pending: boolean;
}

/** Limits of one page: rows and bytes of the messages' JSON. */
export interface PageBudget {
  maxMessages: number;
  maxBytes: number;
}

/**
 * Builds a forward page from rows read in position order after `after`. A gap in the positions is a
 * message still being written when it could have been allocated less than HOLE_MS ago: every
 * position in the gap was allocated before the row after it, and a row's `ts` is taken after its
 * own allocation, so a row older than HOLE_MS proves the gap below it settled. A page stops before
 * a pending gap, and before the budget would be exceeded (`hasMore`). `more` says whether the store
 * had rows beyond those given.
 */
export function forwardPage(
  rows: readonly PositionRow[],
  after: number,
  budget: PageBudget,
  more: boolean,
  now: number,
): ForwardPage {
  const messages: ChatMessage[] = [];
  let upTo = after;
  let bytes = 0;
  for (const row of rows) {
    if (row.seq <= upTo) continue;
    if (row.seq > upTo + 1 && row.ts > now - HOLE_MS) {
      return { messages, upTo, hasMore: true, pending: true };
    }
    if (row.message && !row.expired) {
      const size = jsonBytes(row.message) + 1;
      if (messages.length >= budget.maxMessages || bytes + size > budget.maxBytes) {
        return { messages, upTo, hasMore: true, pending: false };
      }
      messages.push(row.message);
      bytes += size;
    }
    upTo = row.seq;
  }
  return { messages, upTo, hasMore: more, pending: false };
}

/** How soon a client should ask again for a page that stopped before a message still being written. */
export const PENDING_RETRY_MS = 500;

/** The ack fields that tell a client its page stopped at a pending position, if it did. */
export function pendingHint(pending: boolean): { pending?: true; retryAfterMs?: number } {
  return pending ? { pending: true, retryAfterMs: PENDING_RETRY_MS } : {};
}

/** Where a client that saw nothing of a room starts, and the messages after that point already written. */
export interface StartPoint {
  /** Everything up to here is history for this client: settled, readable with `history`. */
  upTo: number;
  /** Messages after `upTo` that are already stored, oldest first: the start of its live feed. */
  messages: ChatMessage[];
}

/**
 * Picks the start of a new reader's live feed in a room whose highest allocated position is
 * `latest`. Positions still being written must not fall behind it (the reader would page back past
 * them before they land, and no live frame would be owed to it), so it starts below the oldest one
 * that may still be pending. `rows` are the rows after `from` (the lowest position that could still
 * be pending), in order; `latestAt` is when `latest` was allocated.
 */
export function startPoint(
  rows: readonly PositionRow[],
  from: number,
  latest: number,
  latestAt: number,
  now: number,
): StartPoint {
  let expected = from + 1;
  let pendingFrom: number | undefined;
  for (const row of rows) {
    if (row.seq > latest) break;
    if (row.seq > expected && row.ts > now - HOLE_MS) {
      pendingFrom = expected;
      break;
    }
    expected = row.seq + 1;
  }
  if (pendingFrom === undefined && expected <= latest && latestAt > now - HOLE_MS) pendingFrom = expected;
  if (pendingFrom === undefined) return { upTo: latest, messages: [] };
  const upTo = pendingFrom - 1;
  const messages = rows
    .filter((row) => row.seq > upTo && row.seq <= latest && row.message && !row.expired)
    .map((row) => row.message as ChatMessage);
  return { upTo, messages };
}

/** A page read backwards (scrolling up), oldest first. */
export interface BackwardPage {
  messages: ChatMessage[];
  hasMore: boolean;
}

/** Builds a backward page from rows read newest first; skipped and expired rows are left out. */
export function backwardPage(rows: readonly PositionRow[], budget: PageBudget, more: boolean): BackwardPage {
  const messages: ChatMessage[] = [];
  let bytes = 0;
  let cut = false;
  for (const row of rows) {
    if (!row.message || row.expired) continue;
    const size = jsonBytes(row.message) + 1;
    if (messages.length >= budget.maxMessages || bytes + size > budget.maxBytes) {
      cut = true;
      break;
    }
    messages.push(row.message);
    bytes += size;
  }
  messages.reverse();
  return { messages, hasMore: cut || more };
}

/** Size in bytes of a value's JSON text, the unit of API Gateway's message limit. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

import { randomUUID } from 'node:crypto';
import { monotonicFactory } from 'ulidx';

// Monotonic within one Lambda instance, so two messages stored in the same millisecond keep their order.
const nextUlid = monotonicFactory();

/** A new time-sortable message id (ULID). */
export function newMessageId(now = Date.now()): string {
  return nextUlid(now);
}

/** A new server-made guest id. */
export function newGuestId(): string {
  return `guest_${randomUUID()}`;
}

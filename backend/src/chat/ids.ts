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

const GUEST_ID = /^guest_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Whether `id` has the shape of an id made by `newGuestId` (`guest_` and a random UUID). */
export function isGuestId(id: unknown): id is string {
  return typeof id === 'string' && GUEST_ID.test(id);
}

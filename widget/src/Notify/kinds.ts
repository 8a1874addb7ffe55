import type { NotificationKind } from '../types.js';

const KINDS: readonly NotificationKind[] = ['title', 'sound', 'system'];

/**
 * The notification kinds in `value`: an array (the `notifications` option or command), or a string of
 * kinds separated by spaces or commas (the `data-notifications` attribute). Unknown kinds are ignored.
 */
export function notificationKinds(value: unknown): NotificationKind[] {
  const list = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
  return KINDS.filter((kind) => list.includes(kind));
}

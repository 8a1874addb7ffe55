/**
 * What tabs say to each other on their BroadcastChannel. `from` is the sender's tab id; `to`, where
 * present, the only tab meant to act on the frame (the channel reaches every tab of the group).
 */
export type Frame = {
  from: string;
  to?: string;
} /** A follower to the leader: are you there? Carries the follower's state for the member table. */ & (
  | { t: 'ping'; from: string; state?: unknown }
  /** The leader to all: I lead, in this term (answers pings, and announces a new leader). */
  | { t: 'alive'; from: string; term: number }
  /** A candidate to all, where no lock manager elects (the channel election in tabs.ts). */
  | { t: 'claim'; from: string; term: number }
  /** A tab closing: drop it at once rather than waiting for it to go quiet. */
  | { t: 'bye'; from: string }
  /** An application message, to all (no `to`) or to one tab, on an optional topic. */
  | { t: 'msg'; from: string; topic?: string; data: unknown }
);

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 64;

/**
 * The frame in `value`, or undefined when it is not one of ours. Every script of the origin can post on
 * the channel (another library, an older copy of the SDK), so nothing is trusted before it is checked;
 * an application message's `data` is the application's to check.
 */
export function parseFrame(value: unknown): Frame | undefined {
  const frame = value as Record<string, unknown> | null;
  if (!isId(frame?.from) || (frame.to !== undefined && !isId(frame.to))) return undefined;
  const { t } = frame;
  const valid =
    t === 'ping' ||
    t === 'bye' ||
    ((t === 'alive' || t === 'claim') && Number.isSafeInteger(frame.term) && (frame.term as number) >= 0) ||
    (t === 'msg' && 'data' in frame && (frame.topic === undefined || typeof frame.topic === 'string'));
  return valid ? (frame as Frame) : undefined;
}

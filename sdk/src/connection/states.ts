/** Where a connection stands. `closed` (by the app) and `failed` (auth refused for good) are final. */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'failed';

/** Why a state changed, for logs and UIs. */
export type StateReason =
  | 'connect'
  | 'opened'
  | 'socket closed'
  | 'connect timeout'
  | 'heartbeat timeout'
  | 'planned'
  | 'offline'
  | 'auth refused'
  | 'auth failed'
  | 'closed by app';

/** One state change, as emitted by `statechange`. */
export interface StateChange {
  from: ConnectionState;
  to: ConnectionState;
  reason: StateReason;
}

/**
 * The state table: what each state allows. Retry policy and legal moves are data here rather than
 * `if`s spread through the code (after ably-js's connection manager).
 */
export const STATES: Record<ConnectionState, { next: readonly ConnectionState[]; terminal: boolean }> = {
  idle: { next: ['connecting', 'closed'], terminal: false },
  connecting: { next: ['open', 'reconnecting', 'failed', 'closed'], terminal: false },
  open: { next: ['reconnecting', 'failed', 'closed'], terminal: false },
  reconnecting: { next: ['open', 'failed', 'closed'], terminal: false },
  closed: { next: [], terminal: true },
  failed: { next: [], terminal: true },
};

/** Whether moving from `from` to `to` is legal. */
export function canMove(from: ConnectionState, to: ConnectionState): boolean {
  return STATES[from].next.includes(to);
}

/**
 * Every key of the single table is built here, so the layout lives in one place.
 *
 * A room's partition (`ROOM#<room>`) holds, sorted by `sk`:
 * - `M#<sender>#<clientId>`: its messages, keyed by who sent them and the sender's client id, so one
 *   conditional put both stores a message and refuses a second copy; each carries `seq`, its position,
 *   indexed by the local secondary index `bySeq` (strongly consistent, so a reader never misses a
 *   message that was acked);
 * - `S#…`: everything a delivery decision needs, read by one query: `S#MEMBER#<user>` (members and
 *   roles), `S#META` (settings and the position counter), `S#SUB#<connection>` (live subscriptions);
 * - `V#<seq>`: a position allocated but skipped (a send that failed half-way or was a retry), also in
 *   `bySeq`, so readers know it is settled.
 */
export const keys = {
  room: (room: string) => `ROOM#${room}`,
  /** Begins every item a delivery decision reads (one query: members, settings, subscriptions). */
  roomStatePrefix: 'S#',
  /**
   * A room's settings (visibility, owner, title) and its position counter (`lastSeq`, `lastSeqAt`; not
   * `seq`, which would put the item in the `bySeq` index).
   */
  roomMeta: 'S#META',
  memberPrefix: 'S#MEMBER#',
  member: (userId: string) => `S#MEMBER#${userId}`,
  subscriptionPrefix: 'S#SUB#',
  subscription: (connectionId: string) => `S#SUB#${connectionId}`,
  message: (senderId: string, clientId: string) => `M#${senderId}#${clientId}`,
  skipped: (seq: number) => `V#${seq}`,
  connection: (connectionId: string) => `CONN#${connectionId}`,
  connectionMeta: 'META',
  /** An identity's frame counter for one rate window (across all its connections). */
  identityRate: (userId: string) => `RATE#${userId}`,
  rateWindow: (window: number) => `W#${window}`,
  /** Requests from one source IP (or IPv6 /64) to one HTTP route, counted per rate window. */
  sourceIp: (ip: string) => `IP#${ip}`,
  ipWindow: (route: string, window: number) => `RATE#${route}#${window}`,
  /** A guest linked to an account (`POST /link`): one item per guest, never changed once written. */
  guestLink: (guestId: string) => `LINK#${guestId}`,
  linkMeta: 'LINK',
  /** GSI1: a user's live connections (who is online, how many sockets an identity holds). */
  user: (userId: string) => `USER#${userId}`,
} as const;

/** The local secondary index of positions: (pk, seq). */
export const BY_SEQ = 'bySeq';

/** Seconds since the epoch, the unit of the table's `ttl` attribute. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

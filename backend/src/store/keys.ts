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
 *
 * Moderation (issue 13) adds, in a room's partition: `S#BAN#<user>`, `S#BANNET#<network>` (a banned
 * guest's network) and `S#MUTE#<user>` (read with the rest of `S#…`, so a send or a join needs no
 * extra read to know them), `L#<user>` (an identity's recent posts: slow mode, flood, duplicates) and
 * `R#<id>` (reports and held messages); site-wide restrictions in `SITE`, the audit trail in `AUDIT`.
 * None of these items has a `seq` attribute: they must stay out of the `bySeq` index.
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
  // Moderation (store/moderation*.ts).
  banPrefix: 'S#BAN#',
  ban: (userId: string) => `S#BAN#${userId}`,
  networkBanPrefix: 'S#BANNET#',
  networkBan: (network: string) => `S#BANNET#${network}`,
  mutePrefix: 'S#MUTE#',
  mute: (userId: string) => `S#MUTE#${userId}`,
  /** An identity's recent posts in a room (slow mode, flood and duplicate checks). */
  poster: (userId: string) => `L#${userId}`,
  reportPrefix: 'R#',
  report: (id: string) => `R#${id}`,
  /** Site-wide restrictions: `BAN#<user>`, `BANNET#<network>`, `MUTE#<user>`. */
  site: 'SITE',
  siteBan: (userId: string) => `BAN#${userId}`,
  siteNetworkBan: (network: string) => `BANNET#${network}`,
  siteMutePrefix: 'MUTE#',
  siteMute: (userId: string) => `MUTE#${userId}`,
  /** The audit trail: one partition, entries by time-sortable id; GSI1 lists one room's (or the site's). */
  audit: 'AUDIT',
  auditEntry: (id: string) => `A#${id}`,
  auditOf: (room: string | undefined) => (room ? `AUDIT#ROOM#${room}` : 'AUDIT#SITE'),
  /** GSI1: every open report and held message, sorted by room and time. */
  openReports: 'REPORTS#OPEN',
} as const;

/** The local secondary index of positions: (pk, seq). */
export const BY_SEQ = 'bySeq';

/** Seconds since the epoch, the unit of the table's `ttl` attribute. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

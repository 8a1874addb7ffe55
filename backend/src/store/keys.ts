/** Every key of the single table is built here, so the layout lives in one place. */
export const keys = {
  /** A room's partition: its messages, idempotency records and subscriptions. */
  room: (room: string) => `ROOM#${room}`,
  message: (id: string) => `MSG#${id}`,
  /** Lowest and highest possible message sort keys, for range queries. */
  messageFloor: 'MSG#',
  messageCeiling: 'MSG#~',
  /** A created room's settings (visibility, owner, title). */
  roomMeta: 'META',
  member: (userId: string) => `MEMBER#${userId}`,
  clientId: (senderId: string, clientId: string) => `CID#${senderId}#${clientId}`,
  subscription: (connectionId: string) => `SUB#${connectionId}`,
  subscriptionPrefix: 'SUB#',
  connection: (connectionId: string) => `CONN#${connectionId}`,
  connectionMeta: 'META',
  /** A connection's frame counter for one rate-limit window. */
  rateWindow: (window: number) => `RATE#${window}`,
  /** Requests from one source IP (or IPv6 /64) to one HTTP route, counted per rate window. */
  sourceIp: (ip: string) => `IP#${ip}`,
  ipWindow: (route: string, window: number) => `RATE#${route}#${window}`,
  /** GSI1: a user's live connections (who is online). */
  user: (userId: string) => `USER#${userId}`,
} as const;

/** Seconds since the epoch, the unit of the table's `ttl` attribute. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

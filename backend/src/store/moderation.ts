import type { Restriction, RoomRestrictions } from '../chat/moderation-rules.js';
import type { StoredRoomSettings } from '../chat/moderation-settings.js';
import { db, table } from './client.js';
import {
  BatchGetCommand,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from './document-client.js';
import { epochSeconds, keys } from './keys.js';
import { markModerated } from './rooms.js';

/** Where a restriction applies: a room, or the whole site. */
export type Scope = { room: string } | { room?: undefined };

/** Who a restriction applies to: an identity, or (guests only) a network. */
export type Subject = { user: string } | { network: string };

function keyOf(scope: Scope, kind: Restriction['kind'], subject: Subject) {
  if (scope.room) {
    const sk =
      'network' in subject
        ? keys.networkBan(subject.network)
        : kind === 'ban'
          ? keys.ban(subject.user)
          : keys.mute(subject.user);
    return { pk: keys.room(scope.room), sk };
  }
  const sk =
    'network' in subject
      ? keys.siteNetworkBan(subject.network)
      : kind === 'ban'
        ? keys.siteBan(subject.user)
        : keys.siteMute(subject.user);
  return { pk: keys.site, sk };
}

/** A restriction as stored, or undefined for anything else. */
export function restrictionOf(item: Record<string, unknown> | undefined): Restriction | undefined {
  if (!item || (item.kind !== 'ban' && item.kind !== 'mute')) return undefined;
  return {
    kind: item.kind,
    until: typeof item.until === 'number' ? item.until : undefined,
    shadow: item.shadow === true,
    reason: typeof item.reason === 'string' ? item.reason : undefined,
    by: String(item.by ?? ''),
    at: Number(item.at ?? 0),
  };
}

/**
 * Takes one `S#BAN#`, `S#BANNET#` or `S#MUTE#` item of a room's state read into `restrictions`; returns
 * false for any other item. Records past their TTL are skipped (dynalite never deletes them).
 */
export function takeRestriction(
  restrictions: RoomRestrictions,
  item: Record<string, unknown>,
  nowSeconds: number,
): boolean {
  const sk = item.sk as string;
  const map = sk.startsWith(keys.networkBanPrefix)
    ? restrictions.networkBans
    : sk.startsWith(keys.banPrefix)
      ? restrictions.bans
      : sk.startsWith(keys.mutePrefix)
        ? restrictions.mutes
        : undefined;
  if (!map) return false;
  const restriction = restrictionOf(item);
  const expired = typeof item.ttl === 'number' && item.ttl <= nowSeconds;
  if (restriction && !expired) map.set(String(item.subject), restriction);
  return true;
}

/** Records a restriction (replacing an earlier one of the same kind); `expiresAt` (ms) sets its TTL. */
export async function putRestriction(
  scope: Scope,
  subject: Subject,
  restriction: Restriction,
  expiresAt: number | undefined,
  networks: readonly string[] = [],
): Promise<void> {
  const put = db.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...keyOf(scope, restriction.kind, subject),
        subject: 'network' in subject ? subject.network : subject.user,
        ...restriction,
        ...(networks.length ? { networks: [...networks] } : {}),
        ...(expiresAt === undefined ? {} : { ttl: epochSeconds(expiresAt) + 60 }),
      },
    }),
  );
  // A room's own restriction makes its sends read its state before storing (store/rooms.ts).
  await Promise.all([put, scope.room ? markModerated(scope.room) : undefined]);
}

/** Lifts a restriction; returns it as it was (with the networks a ban took along), if there was one. */
export async function deleteRestriction(
  scope: Scope,
  kind: Restriction['kind'],
  subject: Subject,
): Promise<{ restriction: Restriction; networks: string[] } | undefined> {
  const result = await db.send(
    new DeleteCommand({ TableName: table, Key: keyOf(scope, kind, subject), ReturnValues: 'ALL_OLD' }),
  );
  const restriction = restrictionOf(result.Attributes);
  if (!restriction) return undefined;
  const networks = Array.isArray(result.Attributes?.networks) ? (result.Attributes.networks as string[]) : [];
  return { restriction, networks };
}

/**
 * The site-wide ban of an identity or, for a guest, of its network, strongly consistent: `$connect`
 * reads it once per connection.
 */
export async function readSiteBan(
  userId: string,
  network: string | undefined,
  now = Date.now(),
): Promise<Restriction | undefined> {
  const wanted = [{ pk: keys.site, sk: keys.siteBan(userId) }];
  if (network) wanted.push({ pk: keys.site, sk: keys.siteNetworkBan(network) });
  const result = await db.send(
    new BatchGetCommand({ RequestItems: { [table]: { Keys: wanted, ConsistentRead: true } } }),
  );
  const nowSeconds = epochSeconds(now);
  return (result.Responses?.[table] ?? [])
    .filter((item) => !(typeof item.ttl === 'number' && item.ttl <= nowSeconds))
    .map(restrictionOf)
    .find((r): r is Restriction => r !== undefined && (r.until === undefined || r.until > now));
}

let siteMuteCache: { readAt: number; mutes: Promise<Map<string, Restriction>> } | undefined;

/**
 * Site-wide mutes, by user id. One query of the `SITE` partition serves a function instance for
 * `maxAgeMs`, so a send pays no read for them: a new site-wide mute reaches every instance within that
 * time (room mutes, read with the room's state, apply at once). Concurrent callers share one read, so
 * a send can start it early, beside its other calls, and find it done when it checks the sender.
 */
export function siteMutes(maxAgeMs: number, now = Date.now()): Promise<Map<string, Restriction>> {
  if (siteMuteCache && now - siteMuteCache.readAt < maxAgeMs) return siteMuteCache.mutes;
  const entry = { readAt: now, mutes: readSiteMutes(now) };
  siteMuteCache = entry;
  // A failed read is not kept: the next caller tries again.
  entry.mutes.catch(() => {
    if (siteMuteCache === entry) siteMuteCache = undefined;
  });
  return entry.mutes;
}

async function readSiteMutes(now: number): Promise<Map<string, Restriction>> {
  const mutes = new Map<string, Restriction>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :site AND begins_with(sk, :mute)',
        ExpressionAttributeValues: { ':site': keys.site, ':mute': keys.siteMutePrefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const restriction = restrictionOf(item);
      if (restriction && (restriction.until === undefined || restriction.until > now))
        mutes.set(String(item.subject), restriction);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return mutes;
}

/** Forgets this instance's copy of the site-wide mutes (after changing them here). */
export function forgetSiteMutes(): void {
  siteMuteCache = undefined;
}

const SETTING_ATTRIBUTES = {
  slowModeSeconds: 'modSlowMode',
  links: 'modLinks',
  blockList: 'modBlockList',
  duplicates: 'modDuplicates',
  flood: 'modFlood',
  hookFailure: 'modHookFailure',
} as const satisfies Record<keyof StoredRoomSettings, string>;

/** The moderation settings a room's settings item holds (what its moderators set). */
export function storedSettingsOf(item: Record<string, unknown> | undefined): StoredRoomSettings {
  const settings: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(SETTING_ATTRIBUTES)) {
    if (item?.[attribute] !== undefined) settings[name] = item[attribute];
  }
  return settings as StoredRoomSettings;
}

/**
 * Changes some of a room's moderation settings on its settings item (made if the room has none yet,
 * which leaves an open room open); returns all it holds now.
 */
export async function writeRoomSettings(
  room: string,
  changes: StoredRoomSettings,
): Promise<StoredRoomSettings> {
  const sets: string[] = [];
  const removes: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(SETTING_ATTRIBUTES)) {
    const value = changes[name as keyof StoredRoomSettings];
    if (value === undefined) continue;
    names[`#${name}`] = attribute;
    if (Array.isArray(value) && value.length === 0) removes.push(`#${name}`);
    else {
      sets.push(`#${name} = :${name}`);
      values[`:${name}`] = value;
    }
  }
  if (!sets.length && !removes.length) {
    const { Responses } = await db.send(
      new BatchGetCommand({
        RequestItems: {
          [table]: { Keys: [{ pk: keys.room(room), sk: keys.roomMeta }], ConsistentRead: true },
        },
      }),
    );
    return storedSettingsOf(Responses?.[table]?.[0]);
  }
  const expression = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const result = await db.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: keys.room(room), sk: keys.roomMeta },
      UpdateExpression: expression,
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      ReturnValues: 'ALL_NEW',
    }),
  );
  return storedSettingsOf(result.Attributes);
}

/** The networks a user's live connections come from (recorded by `$connect`), through the by-user index. */
export async function networksOf(userId: string): Promise<string[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :user',
      ExpressionAttributeValues: { ':user': keys.user(userId) },
      ProjectionExpression: 'network',
    }),
  );
  return [
    ...new Set(
      (result.Items ?? []).map((item) => item.network).filter((n): n is string => typeof n === 'string'),
    ),
  ];
}

import type { ChatMessage, RoomRole } from '@org/chat-sdk/protocol';
import type { Identity } from '../../auth/identity.js';
import { isGuestId } from '../../chat/ids.js';
import { composeMessage } from '../../chat/messages.js';
import {
  assertModerator,
  assertOutranks,
  assertSiteAdmin,
  type Restriction,
  restrictionEnd,
  restrictionExpiry,
  roomRole,
  type Standing,
} from '../../chat/moderation-rules.js';
import { isOpenRoomName } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { moderationConfig } from '../../moderation-config.js';
import type { ConnectionsApi } from '../../push/connections-api.js';
import { fanOut } from '../../push/fanout.js';
import { closeEverywhere, noticeEverywhere, noticeInRoom } from '../../push/moderation.js';
import { endSubscriptions } from '../../push/removal.js';
import { type AuditDraft, recordAudit } from '../../store/audit.js';
import { type PositionedMessage, tombstoneMessage } from '../../store/message-changes.js';
import { putMessage, putSkipped } from '../../store/messages.js';
import {
  deleteRestriction,
  forgetSiteMutes,
  networksOf,
  putRestriction,
  type Scope,
} from '../../store/moderation.js';
import { allocatePosition, readRoomAndMember, readRoomState } from '../../store/rooms.js';

/** Who is acting, as a route sees them. */
export interface Actor {
  identity: Identity;
  standing: Standing;
  api: ConnectionsApi;
}

/** An identity known only by its id (the target of an action): guest or not is in the id's shape. */
export function identityOf(userId: string, name = ''): Identity {
  return { id: userId, name, guest: isGuestId(userId) };
}

/** The role of `userId` in a room: one strongly consistent read of the room's settings and its membership. */
export async function roleIn(room: string, identity: Identity, admin: boolean): Promise<RoomRole> {
  const { record, role } = await readRoomAndMember(room, identity.id);
  return roomRole(record.meta, role, identity, admin);
}

/**
 * Checks that the actor moderates `room` and outranks the target (a moderator cannot act on another
 * moderator or the owner; nobody restricts themself). Returns the actor's role.
 */
export async function authorizeOn(room: string, actor: Actor, targetId: string): Promise<RoomRole> {
  if (targetId === actor.identity.id) throw new ChatError('invalid', 'you cannot do this to yourself');
  const [actorRole, targetRole] = await Promise.all([
    roleIn(room, actor.identity, actor.standing.admin),
    roleIn(room, identityOf(targetId), false),
  ]);
  assertModerator(actorRole, room);
  assertOutranks(actorRole, targetRole);
  return actorRole;
}

/** Records an action in the audit trail, as done by the actor in the role it acted in. */
export function audit(actor: Actor, role: RoomRole, draft: Omit<AuditDraft, 'actor'>) {
  const { id, name, guest } = actor.identity;
  return recordAudit({ actor: { id, name, guest, role }, ...draft });
}

/** What a mute or ban asks for. */
export interface RestrictRequest {
  kind: Restriction['kind'];
  room: string | undefined;
  user: string;
  durationSeconds?: number;
  reason?: string;
  shadow?: boolean;
}

/**
 * Mutes or bans an identity in a room or site-wide, for a time or for good, and applies it at once:
 * a room ban ends the identity's subscriptions there (each told `removed` `banned`), a site-wide ban
 * closes its connections (each told first), a mute tells the identity unless it is a shadow mute. A
 * banned guest's network is banned for guests too, for up to GUEST_NETWORK_BAN_HOURS. Audited.
 */
export async function restrict(actor: Actor, request: RestrictRequest): Promise<number | undefined> {
  const { room, user, kind } = request;
  const role = room ? await authorizeOn(room, actor, user) : siteAdmin(actor, user);
  const now = Date.now();
  const until = restrictionEnd(now, request.durationSeconds);
  const restriction: Restriction = {
    kind,
    until,
    shadow: kind === 'mute' && request.shadow === true,
    reason: request.reason,
    by: actor.identity.id,
    at: now,
  };
  const target = identityOf(user);
  const scope: Scope = room ? { room } : {};
  const networks =
    kind === 'ban' && target.guest && moderationConfig.guestNetworkBanHours > 0 ? await networksOf(user) : [];
  const networkUntil = Math.min(
    until ?? Number.POSITIVE_INFINITY,
    now + moderationConfig.guestNetworkBanHours * 3_600_000,
  );
  await Promise.all([
    putRestriction(
      scope,
      { user },
      restriction,
      restrictionExpiry(until, target.guest, now, moderationConfig.guestIdentityMaxAgeSeconds),
      networks,
    ),
    ...networks.map((network) =>
      putRestriction(scope, { network }, { ...restriction, until: networkUntil }, networkUntil),
    ),
  ]);
  await applyRestriction(actor.api, request, restriction);
  await audit(actor, role, {
    action: kind,
    ...(room ? { room } : {}),
    target: user,
    ...(request.reason ? { reason: request.reason } : {}),
    ...(until === undefined ? {} : { until }),
    ...(restriction.shadow || networks.length
      ? {
          detail: {
            ...(restriction.shadow ? { shadow: true } : {}),
            ...(networks.length ? { networks: networks.length } : {}),
          },
        }
      : {}),
  });
  return until;
}

/** Makes a restriction felt on the identity's live connections (read after it was written). */
async function applyRestriction(api: ConnectionsApi, request: RestrictRequest, restriction: Restriction) {
  const { room, user } = request;
  const notice = {
    ...(room ? { room } : {}),
    ...(restriction.until === undefined ? {} : { until: restriction.until }),
    ...(restriction.reason ? { reason: restriction.reason } : {}),
  };
  if (!room) {
    if (restriction.kind === 'ban')
      await closeEverywhere(api, user, { type: 'moderation', kind: 'banned', ...notice });
    else {
      forgetSiteMutes();
      if (!restriction.shadow)
        await noticeEverywhere(api, user, { type: 'moderation', kind: 'muted', ...notice });
    }
    return;
  }
  // Read after the restriction was written: a joiner either sees the ban or is in this read.
  const state = await readRoomState(room);
  if (restriction.kind === 'ban') {
    const subscriptions = state.subscriptions.filter((s) => s.user.id === user);
    await endSubscriptions(api, room, subscriptions, 'banned', restriction.until);
  } else if (!restriction.shadow) {
    await noticeInRoom(api, room, state.subscriptions, user, {
      type: 'moderation',
      kind: 'muted',
      ...notice,
    });
  }
}

/** Lifts a mute or ban early; the networks a ban took along are freed with it. Audited. */
export async function lift(
  actor: Actor,
  kind: Restriction['kind'],
  room: string | undefined,
  user: string,
  reason: string | undefined,
): Promise<void> {
  const role = room ? await authorizeOn(room, actor, user) : siteAdmin(actor, user);
  const scope: Scope = room ? { room } : {};
  const old = await deleteRestriction(scope, kind, { user });
  if (old?.networks.length) {
    await Promise.all(old.networks.map((network) => deleteRestriction(scope, 'ban', { network })));
  }
  if (kind === 'mute') {
    if (!room) forgetSiteMutes();
    if (old && !old.restriction.shadow) {
      const frame = { type: 'moderation' as const, kind: 'unmuted' as const, ...(room ? { room } : {}) };
      if (room) await noticeInRoom(actor.api, room, (await readRoomState(room)).subscriptions, user, frame);
      else await noticeEverywhere(actor.api, user, frame);
    }
  }
  await audit(actor, role, {
    action: kind === 'mute' ? 'unmute' : 'unban',
    ...(room ? { room } : {}),
    target: user,
    ...(reason ? { reason } : {}),
  });
}

function siteAdmin(actor: Actor, targetId: string): RoomRole {
  assertSiteAdmin(actor.standing);
  if (targetId === actor.identity.id) throw new ChatError('invalid', 'you cannot do this to yourself');
  return 'admin';
}

/**
 * Replaces a message by a tombstone (same position, no text) and tells the room with an `update`
 * frame (a shadowed message: its author only). Returns the tombstone.
 */
export async function deleteMessage(
  api: ConnectionsApi,
  found: PositionedMessage,
  deletedBy: string,
): Promise<ChatMessage> {
  const tombstone = await tombstoneMessage(found, deletedBy);
  const author = found.message.sender.id;
  await fanOut(
    api,
    {
      room: found.message.room,
      ...(found.shadow ? { only: (user: { id: string }) => user.id === author } : {}),
    },
    { type: 'update', room: found.message.room, message: tombstone },
  );
  return tombstone;
}

/**
 * Publishes a held message a moderator approved, as a new send by its author: a new position, stored
 * once per (author, client id), so approving twice stores it once; fanned out to everyone, the
 * author's connections included (their send was answered `held`).
 */
export async function publishHeld(api: ConnectionsApi, held: ChatMessage): Promise<ChatMessage> {
  const room = held.room;
  const author: Identity = { ...held.sender };
  const allocation = await allocatePosition(room, {
    mustExist: !isOpenRoomName(room, config.openRooms),
    guest: author.guest,
  });
  const message = composeMessage(
    { room, text: held.text, clientId: held.clientId },
    author,
    allocation.seq,
    Date.now(),
  );
  let stored: Awaited<ReturnType<typeof putMessage>>;
  try {
    stored = await putMessage(message, config.messageRetentionDays);
  } catch (error) {
    await putSkipped(room, allocation.seq, Date.now(), config.messageRetentionDays).catch(() => undefined);
    throw error;
  }
  if (stored.duplicate) await putSkipped(room, allocation.seq, Date.now(), config.messageRetentionDays);
  await fanOut(api, { room, handoff: true }, { type: 'message', message: stored.message });
  return stored.message;
}

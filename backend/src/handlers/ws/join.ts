import { type AckFrame, LIMITS } from '@org/chat-sdk/protocol';
import type { Identity } from '../../auth/identity.js';
import { limitsFor } from '../../chat/limits.js';
import { linkedMessages, linkedSenders } from '../../chat/linked-senders.js';
import { moderationInfo } from '../../chat/moderation-info.js';
import { visibleRows } from '../../chat/moderation-pages.js';
import { activeBan, assertNotBanned, roomRole } from '../../chat/moderation-rules.js';
import { forwardPage, HOLE_MS, pendingHint, startPoint } from '../../chat/pages.js';
import { assertCanUse, assertRoomExists, mayReceive, roomInfo } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { moderationConfig } from '../../moderation-config.js';
import { pageBudgetBytes } from '../../push/frames.js';
import { announcePresence, SIGNALS_MAX_CONNECTIONS } from '../../push/presence.js';
import { putSubscription, releaseRoom, removeSubscription, reserveRoom } from '../../store/connections.js';
import { readLinks } from '../../store/links.js';
import { readAfter } from '../../store/messages.js';
import { siteMutes } from '../../store/moderation.js';
import { type RoomState, readRoomState } from '../../store/rooms.js';
import { route } from './route.js';

// The join ack lists who is online; past this many connections the list is cut, not the join.
const ONLINE_LIST_LIMIT = 200;
// A new reader's start is chosen among this many newest positions (chat/pages.ts startPoint).
const START_WINDOW = 100;

/**
 * `join`: subscribes the connection, then reads the room (settings, members, subscriptions) — in
 * that order, so a message allocated after this read is posted to it, and one allocated before is
 * covered by the ack's `latest`. Refused (and unsubscribed again) when the identity may not use the
 * room. Acks with what the room is, who is online, and where the connection's feed starts: with
 * `after`, the first page of what it missed; without, a start chosen below any message still being
 * written, so none falls between history and the live feed.
 */
export const handler = route('join', async (frame, { connectionId, identity, api, standing }) => {
  const room = frame.room;
  await reserveRoom(connectionId, room, limitsFor(identity, config).roomsPerConnection);
  const subscribed = await putSubscription(room, connectionId, identity);
  const state = await readRoomState(room, SIGNALS_MAX_CONNECTIONS);
  const access = { meta: state.meta, role: state.members.get(identity.id) };
  try {
    assertRoomExists(room, state.meta, config.openRooms);
    assertCanUse(room, access, identity);
    assertNotBanned(activeBan(state.restrictions, identity, standing.network, Date.now()), room);
  } catch (error) {
    if (subscribed)
      await Promise.all([removeSubscription(room, connectionId), releaseRoom(connectionId, room)]);
    throw error;
  }
  const now = Date.now();
  const moderation = moderationInfo({
    role: roomRole(state.meta, access.role, identity, standing.admin),
    settings: state.settings,
    roomMute: state.restrictions.mutes.get(identity.id),
    siteMute: (await siteMutes(moderationConfig.siteMuteCacheMs, now)).get(identity.id),
    stage: moderationConfig,
    now,
  });
  const envelope: AckFrame = {
    type: 'ack',
    ref: frame.ref ?? '',
    room,
    info: { ...roomInfo(access, identity), ...moderation },
    you: { id: identity.id, name: identity.name, guest: identity.guest },
    online: onlineUsers(state),
    latest: state.latest,
  };
  const [feed] = await Promise.all([
    frame.after === undefined
      ? newFeed(room, state, identity.id)
      : missedFeed(room, frame.after, state.latest, pageBudgetBytes(envelope), identity.id),
    subscribed ? announcePresence(api, state, room, identity, connectionId, 'online') : undefined,
  ]);
  return { ...envelope, ...feed };
});

/** Where a connection that saw nothing of the room starts. */
async function newFeed(
  room: string,
  state: RoomState,
  viewerId: string,
): Promise<Pick<AckFrame, 'upTo' | 'messages' | 'hasMore'>> {
  const now = Date.now();
  // Nothing allocated lately: nothing can still be on its way.
  if (state.latestAt <= now - HOLE_MS) return { upTo: state.latest, messages: [], hasMore: false };
  const from = Math.max(0, state.latest - START_WINDOW);
  const { rows } = await readAfter(room, from, START_WINDOW, state.latest);
  const start = startPoint(visibleRows(rows, viewerId), from, state.latest, state.latestAt, now);
  return { upTo: start.upTo, messages: await linkedMessages(start.messages, readLinks), hasMore: false };
}

/**
 * The first page of what a resuming connection missed after `after`. When nothing was allocated past
 * it (`latest`, the room's counter, read after the subscription was written: anything allocated later
 * is posted to it), there is nothing to read: a reconnect in a quiet room, the usual one, costs no page.
 */
async function missedFeed(
  room: string,
  after: number,
  latest: number,
  maxBytes: number,
  viewerId: string,
): Promise<Pick<AckFrame, 'upTo' | 'messages' | 'hasMore' | 'pending'>> {
  if (latest <= after) return { upTo: after, messages: [], hasMore: false };
  const { rows, more } = await linkedSenders(await readAfter(room, after, LIMITS.maxPageSize), readLinks);
  const page = forwardPage(
    visibleRows(rows, viewerId),
    after,
    { maxMessages: LIMITS.maxPageSize, maxBytes },
    more,
    Date.now(),
  );
  return { upTo: page.upTo, messages: page.messages, hasMore: page.hasMore, ...pendingHint(page.pending) };
}

function onlineUsers(state: RoomState): Identity[] {
  const byId = new Map<string, Identity>();
  // Departing connections count: their users are online until the grace period says otherwise.
  for (const { user } of [...state.subscriptions, ...state.departing]) {
    if (byId.size >= ONLINE_LIST_LIMIT) break;
    if (user && mayReceive(state.meta, state.members, user)) byId.set(user.id, user);
  }
  return [...byId.values()];
}

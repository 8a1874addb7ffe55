import type { ChatMessage } from '@org/chat-sdk/protocol';
import { composeMessage } from '../../chat/messages.js';
import { noRestrictions } from '../../chat/moderation-rules.js';
import { isOpenRoomName, mayReceive } from '../../chat/rooms.js';
import { normalizeMessageText } from '../../chat/text.js';
import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { logger } from '../../log.js';
import { countSend } from '../../metrics.js';
import { moderationConfig } from '../../moderation-config.js';
import { fanOut } from '../../push/fanout.js';
import { putMessage, putSkipped, readStoredMessage, type StoredMessage } from '../../store/messages.js';
import { siteMutes } from '../../store/moderation.js';
import { holdMessage } from '../../store/reports.js';
import { type Allocation, allocatePosition, type RoomState, readRoomState } from '../../store/rooms.js';
import { checkMessage, type MessageDecision, screenWithHook } from './moderation-checks.js';
import { route } from './route.js';

/**
 * Past this long after its position was allocated, a send gives up writing the message and marks
 * the position skipped: readers wait for a missing position only so long (chat/pages.ts HOLE_MS).
 */
const WRITE_DEADLINE_MS = 5_000;

/**
 * `send`: asks the moderation hook if the stage has one (a refusal spends no position), allocates the
 * message's position in the room (one counter write, which also returns the room's settings), reads
 * the room's state (one query, after the allocation: a joiner either is in it or sees the position in
 * its join; beside the write in an unmoderated public room, before it otherwise), checks the message
 * (membership, bans, mutes, filters, slow mode: issue 13), stores it once per client id (one
 * conditional write), fans it out (big rooms through workers) and acks with the stored message.
 * A refused or held message leaves its position skipped. A retried send stores nothing new, skips the
 * position it was given, and is fanned out again: clients drop what they already have by position.
 */
export const handler = route('send', async (frame, { connectionId, identity, api, standing }) => {
  const text = normalizeMessageText(frame.text);
  const room = frame.room;
  const sender = { id: identity.id, name: identity.name, guest: identity.guest };
  // Started now, beside the hook and the position's write; the mute check below awaits the same read.
  siteMutes(moderationConfig.siteMuteCacheMs).catch(() => undefined);
  const hook = await screenWithHook({ kind: 'send', room, text, sender, clientId: frame.id });
  const allocation = await allocatePosition(room, {
    mustExist: !isOpenRoomName(room, config.openRooms),
    guest: identity.guest,
  });
  const message = composeMessage({ room, text, clientId: frame.id }, identity, allocation.seq, Date.now());
  // A public room with no moderator, ban or mute of its own needs nothing of its state to decide: its
  // state is read beside the write (one round trip less). Otherwise it is read before storing, so a
  // message refused by membership or moderation is never stored.
  const beside = allocation.meta?.visibility !== 'private' && !allocation.moderated;
  const stateRead = readRoomState(room);
  let state: RoomState | undefined;
  let decision: MessageDecision;
  try {
    if (!beside) {
      state = await stateRead;
      if (!mayReceive(state.meta, state.members, identity)) {
        throw new ChatError('forbidden', `not a member of private room ${room}`);
      }
    }
    decision = await checkMessage({
      kind: 'send',
      room,
      text,
      clientId: frame.id,
      identity,
      standing,
      state: state ?? unmoderatedState(allocation),
      hook,
      now: Date.now(),
    });
  } catch (error) {
    stateRead.catch(() => undefined);
    await skip(allocation, room);
    throw error;
  }
  if (decision.hold) {
    // A held message has no position until a moderator approves it: this one is left skipped.
    const [held] = await Promise.all([
      holdMessage({ ...message, seq: 0 }, decision.hold),
      skip(allocation, room),
    ]);
    // A retry of a send held before: answered as a moderator resolved it.
    const approved = held.resolution === 'approve' && (await readStoredMessage(room, identity.id, frame.id));
    if (approved) return { type: 'ack', ref: frame.ref ?? '', message: approved };
    if (held.resolution) throw new ChatError('blocked', 'a moderator turned this message down');
    throw new ChatError('held', 'your message was held for review: it appears once a moderator approves it');
  }
  const [stored, read] = await Promise.all([store(message, allocation, decision.shadow), stateRead]);
  // A shadowed message goes to its author's own connections only.
  const only = stored.shadow ? (user: { id: string }) => user.id === identity.id : undefined;
  const result = await fanOut(
    api,
    { room, state: read, except: connectionId, handoff: true, ...(only ? { only } : {}) },
    { type: 'message', message: stored.message },
  );
  if (!stored.duplicate) countSend();
  logger.info('fanned out', { seq: stored.message.seq, duplicate: stored.duplicate, ...result });
  return { type: 'ack', ref: frame.ref ?? '', message: stored.message };
});

/**
 * Writes the message at its position, unless too long has passed since the position was allocated;
 * a duplicate (the client's retry) leaves its own position skipped. On any failure the position is
 * marked skipped too, so readers never wait for it.
 */
async function store(message: ChatMessage, allocation: Allocation, shadow: boolean): Promise<StoredMessage> {
  if (Date.now() - allocation.latestAt > WRITE_DEADLINE_MS) {
    await skip(allocation, message.room);
    throw new ChatError('internal', 'the send took too long; try again');
  }
  let stored: StoredMessage;
  try {
    stored = await putMessage(message, config.messageRetentionDays, { shadow });
  } catch (error) {
    await skip(allocation, message.room).catch(() => undefined);
    throw error;
  }
  if (stored.duplicate) await skip(allocation, message.room);
  return stored;
}

/** What a room with no moderator, ban or mute of its own is, as far as checking a message goes. */
function unmoderatedState(allocation: Allocation): RoomState {
  return {
    ...allocation,
    members: new Map(),
    subscriptions: [],
    departing: [],
    complete: true,
    restrictions: noRestrictions(),
  };
}

function skip(allocation: Allocation, room: string): Promise<void> {
  return putSkipped(room, allocation.seq, Date.now(), config.messageRetentionDays);
}

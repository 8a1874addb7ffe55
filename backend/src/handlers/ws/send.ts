import type { ChatMessage } from '@org/chat-sdk/protocol';
import { composeMessage } from '../../chat/messages.js';
import { isOpenRoomName, mayReceive } from '../../chat/rooms.js';
import { normalizeMessageText } from '../../chat/text.js';
import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { logger } from '../../log.js';
import { fanOut } from '../../push/fanout.js';
import { putMessage, putSkipped, type StoredMessage } from '../../store/messages.js';
import { type Allocation, allocatePosition, type RoomState, readRoomState } from '../../store/rooms.js';
import { route } from './route.js';

/**
 * Past this long after its position was allocated, a send gives up writing the message and marks
 * the position skipped: readers wait for a missing position only so long (chat/pages.ts HOLE_MS).
 */
const WRITE_DEADLINE_MS = 5_000;

/**
 * `send`: allocates the message's position in the room (one counter write, which also returns the
 * room's settings), stores it once per client id (one conditional write), reads who may receive it
 * (one query, after the allocation: a joiner either is in it or sees the position in its join), fans
 * it out and acks with the stored message. A retried send stores nothing new, skips the position it
 * was given, and is fanned out again: clients drop what they already have by position.
 */
export const handler = route('send', async (frame, { connectionId, identity, api }) => {
  const text = normalizeMessageText(frame.text);
  const room = frame.room;
  const allocation = await allocatePosition(room, {
    mustExist: !isOpenRoomName(room, config.openRooms),
    guest: identity.guest,
  });
  const message = composeMessage({ room, text, clientId: frame.id }, identity, allocation.seq, Date.now());
  let state: RoomState;
  let stored: StoredMessage;
  if (allocation.meta?.visibility === 'private') {
    // Membership is read before storing: a non-member's position is skipped, never filled.
    state = await readRoomState(room);
    if (!mayReceive(state.meta, state.members, identity)) {
      await skip(allocation, room);
      throw new ChatError('forbidden', `not a member of private room ${room}`);
    }
    stored = await store(message, allocation);
  } else {
    [state, stored] = await Promise.all([readRoomState(room), store(message, allocation)]);
  }
  const result = await fanOut(
    api,
    { room, state, except: connectionId, handoff: true },
    { type: 'message', message: stored.message },
  );
  logger.info('fanned out', { seq: stored.message.seq, duplicate: stored.duplicate, ...result });
  return { type: 'ack', ref: frame.ref ?? '', message: stored.message };
});

/**
 * Writes the message at its position, unless too long has passed since the position was allocated;
 * a duplicate (the client's retry) leaves its own position skipped. On any failure the position is
 * marked skipped too, so readers never wait for it.
 */
async function store(message: ChatMessage, allocation: Allocation): Promise<StoredMessage> {
  if (Date.now() - allocation.latestAt > WRITE_DEADLINE_MS) {
    await skip(allocation, message.room);
    throw new ChatError('internal', 'the send took too long; try again');
  }
  let stored: StoredMessage;
  try {
    stored = await putMessage(message, config.messageRetentionDays);
  } catch (error) {
    await skip(allocation, message.room).catch(() => undefined);
    throw error;
  }
  if (stored.duplicate) await skip(allocation, message.room);
  return stored;
}

function skip(allocation: Allocation, room: string): Promise<void> {
  return putSkipped(room, allocation.seq, Date.now(), config.messageRetentionDays);
}

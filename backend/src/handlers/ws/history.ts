import { type AckFrame, LIMITS } from '@org/chat-sdk/protocol';
import { linkedSenders } from '../../chat/linked-senders.js';
import { visibleRows } from '../../chat/moderation-pages.js';
import { assertNotBanned, isActive } from '../../chat/moderation-rules.js';
import { backwardPage, forwardPage, pendingHint } from '../../chat/pages.js';
import { assertCanUse, assertRoomExists } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { pageBudgetBytes } from '../../push/frames.js';
import { readLinks } from '../../store/links.js';
import { readAfter, readBefore } from '../../store/messages.js';
import { readRoomAndMember } from '../../store/rooms.js';
import { route } from './route.js';

/**
 * `history`: one page of a room's messages, oldest first, for those who may use the room: with
 * `after`, the oldest ones after that position (catching up: the page settles every position up to
 * `upTo`, and stops before one still being written); otherwise the newest before `before`.
 * Pages are cut by count and by bytes, so the answer fits API Gateway's message limit.
 */
export const handler = route('history', async (frame, { identity, standing }) => {
  if (frame.before !== undefined && frame.after !== undefined) {
    throw new ChatError('invalid', 'give before or after, not both');
  }
  const { record, role, bans } = await readRoomAndMember(
    frame.room,
    identity.id,
    identity.guest ? standing.network : undefined,
  );
  assertRoomExists(frame.room, record.meta, config.openRooms);
  assertCanUse(frame.room, { meta: record.meta, role }, identity);
  const now = Date.now();
  assertNotBanned(
    bans.find((ban) => isActive(ban, now)),
    frame.room,
  );
  const envelope: AckFrame = { type: 'ack', ref: frame.ref ?? '', room: frame.room };
  const budget = {
    maxMessages: frame.limit ?? LIMITS.defaultPageSize,
    maxBytes: pageBudgetBytes({
      ...envelope,
      upTo: Number.MAX_SAFE_INTEGER,
      hasMore: false,
      ...pendingHint(true),
    }),
  };
  if (frame.after !== undefined) {
    const read = await readAfter(frame.room, frame.after, budget.maxMessages);
    const { rows, more } = await linkedSenders(read, readLinks);
    const page = forwardPage(visibleRows(rows, identity.id), frame.after, budget, more, now);
    return {
      ...envelope,
      messages: page.messages,
      upTo: page.upTo,
      hasMore: page.hasMore,
      ...pendingHint(page.pending),
    };
  }
  const { rows, more } = await linkedSenders(
    await readBefore(frame.room, frame.before, budget.maxMessages),
    readLinks,
  );
  return { ...envelope, ...backwardPage(visibleRows(rows, identity.id), budget, more) };
});

import { assertNotBanned, isActive } from '../../chat/moderation-rules.js';
import { assertCanUse, assertRoomExists } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { ChatError } from '../../errors.js';
import { readMessageAt } from '../../store/message-changes.js';
import { addReport } from '../../store/reports.js';
import { readRoomAndMember } from '../../store/rooms.js';
import { route } from './route.js';

/**
 * `report`: anyone who may use a room reports a message in it, with a reason, for its moderators.
 * One report per message gathers every reporter (each counted once); acked with the report's id.
 */
export const handler = route('report', async (frame, { identity, standing }) => {
  const room = frame.room;
  const [found, access] = await Promise.all([
    readMessageAt(room, frame.seq),
    readRoomAndMember(room, identity.id, identity.guest ? standing.network : undefined),
  ]);
  assertRoomExists(room, access.record.meta, config.openRooms);
  assertCanUse(room, { meta: access.record.meta, role: access.role }, identity);
  const now = Date.now();
  assertNotBanned(
    access.bans.find((ban) => isActive(ban, now)),
    room,
  );
  if (!found || found.message.deleted || found.shadow) {
    throw new ChatError('not_found', `no message at position ${frame.seq} in ${room}`);
  }
  if (found.message.sender.id === identity.id)
    throw new ChatError('invalid', 'you cannot report your own message');
  const report = await addReport(found.message, identity.id, frame.reason, now);
  return { type: 'ack', ref: frame.ref ?? '', room, report };
});

import { assertNotBanned, isActive } from '../../chat/moderation-rules.js';
import { assertCanUse } from '../../chat/rooms.js';
import { ChatError } from '../../errors.js';
import { readMessageAt } from '../../store/message-changes.js';
import { readRoomAndMember } from '../../store/rooms.js';
import { audit, authorizeOn, deleteMessage } from './moderation-actions.js';
import { route } from './route.js';

/**
 * `delete`: the author deletes their own message (while they may still use the room), or a moderator
 * deletes anyone's (one who outranks its author): it becomes a tombstone in its position and the room
 * gets an `update` frame. A moderator's deletion of someone else's message is audited, with its text.
 */
export const handler = route('delete', async (frame, { identity, api, standing }) => {
  const room = frame.room;
  const found = await readMessageAt(room, frame.seq);
  if (!found || (found.shadow && found.message.sender.id !== identity.id)) {
    throw new ChatError('not_found', `no message at position ${frame.seq} in ${room}`);
  }
  const ack = (message: typeof found.message) => ({
    type: 'ack' as const,
    ref: frame.ref ?? '',
    room,
    message,
  });
  const author = found.message.sender.id;
  if (author === identity.id) {
    const { record, role, bans } = await readRoomAndMember(
      room,
      identity.id,
      identity.guest ? standing.network : undefined,
    );
    assertCanUse(room, { meta: record.meta, role }, identity);
    const now = Date.now();
    assertNotBanned(
      bans.find((ban) => isActive(ban, now)),
      room,
    );
    return ack(found.message.deleted ? found.message : await deleteMessage(api, found, identity.id));
  }
  const actor = { identity, standing, api };
  const role = await authorizeOn(room, actor, author);
  if (found.message.deleted) return ack(found.message);
  const message = await deleteMessage(api, found, identity.id);
  await audit(actor, role, {
    action: 'delete',
    room,
    target: author,
    seq: frame.seq,
    ...(frame.reason ? { reason: frame.reason } : {}),
    detail: { text: found.message.text },
  });
  return ack(message);
});

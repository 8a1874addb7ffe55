import { assertModerator } from '../../chat/moderation-rules.js';
import { ChatError } from '../../errors.js';
import { noticeInRoom } from '../../push/moderation.js';
import { readMessageAt } from '../../store/message-changes.js';
import { closeReport, readReport } from '../../store/reports.js';
import { readRoomState } from '../../store/rooms.js';
import { audit, deleteMessage, publishHeld, restrict, roleIn } from './moderation-actions.js';
import { route } from './route.js';

/**
 * `resolve`: a room's moderator closes an open report: `dismiss` (a held message is turned down),
 * `delete` the reported message, `mute` or `ban` its author in the room (a held message is turned
 * down too), or `approve` a held message (it gets a position and goes out like a new send). The
 * action runs before the report is closed, and each is safe to repeat, so two moderators resolving at
 * once never publish a message twice. Audited; the author of a turned-down message is told.
 */
export const handler = route('resolve', async (frame, { identity, standing, api }) => {
  const room = frame.room;
  const role = await roleIn(room, identity, standing.admin);
  assertModerator(role, room);
  const report = await readReport(room, frame.report);
  if (!report) throw new ChatError('not_found', `no report ${frame.report} in ${room}`);
  if (report.status !== 'open') throw new ChatError('conflict', 'the report was resolved already');
  const held = report.kind === 'held';
  const { resolution } = frame;
  const author = report.message.sender.id;
  if (resolution === 'approve' && !held)
    throw new ChatError('invalid', 'only a held message can be approved');
  if (resolution === 'delete' && held)
    throw new ChatError('invalid', 'a held message is not stored: dismiss it');
  const actor = { identity, standing, api };
  if (resolution === 'approve') await publishHeld(api, report.message);
  if (resolution === 'delete') {
    const found = await readMessageAt(room, report.message.seq);
    if (found && !found.message.deleted) await deleteMessage(api, found, identity.id);
  }
  if (resolution === 'mute' || resolution === 'ban') {
    await restrict(actor, {
      kind: resolution,
      room,
      user: author,
      ...(frame.durationSeconds ? { durationSeconds: frame.durationSeconds } : {}),
      ...(frame.reason ? { reason: frame.reason } : {}),
    });
  }
  if (!(await closeReport(room, report.id, resolution, identity.id))) {
    throw new ChatError('conflict', 'the report was resolved already');
  }
  if (held && resolution !== 'approve') {
    const { subscriptions } = await readRoomState(room);
    await noticeInRoom(api, room, subscriptions, author, {
      type: 'moderation',
      kind: 'rejected',
      room,
      clientId: report.message.clientId,
    });
  }
  await audit(actor, role, {
    action: 'resolve',
    room,
    target: author,
    ...(held ? {} : { seq: report.message.seq }),
    ...(frame.reason ? { reason: frame.reason } : {}),
    detail: { report: report.id, kind: report.kind, resolution },
  });
  return { type: 'ack', ref: frame.ref ?? '', room };
});

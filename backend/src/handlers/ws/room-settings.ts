import { assertModerator, roomRole } from '../../chat/moderation-rules.js';
import {
  effectiveSettings,
  publicSettings,
  type StoredRoomSettings,
} from '../../chat/moderation-settings.js';
import { assertRoomExists } from '../../chat/rooms.js';
import { config } from '../../config.js';
import { moderationConfig } from '../../moderation-config.js';
import { fanOut } from '../../push/fanout.js';
import { writeRoomSettings } from '../../store/moderation.js';
import { readRoomAndMember } from '../../store/rooms.js';
import { audit } from './moderation-actions.js';
import { route } from './route.js';

/**
 * `room_settings`: a room's moderators change its slow mode, link policy, own block list, flood and
 * duplicate checks, or what a failing hook means. Fields left out stay as they are; the ack carries
 * the settings in force. A change participants see (slow mode, links) is told to the room. Audited.
 */
export const handler = route('room_settings', async (frame, { identity, standing, api }) => {
  const room = frame.room;
  const { record, role } = await readRoomAndMember(room, identity.id);
  assertRoomExists(room, record.meta, config.openRooms);
  const actorRole = roomRole(record.meta, role, identity, standing.admin);
  assertModerator(actorRole, room);
  const { action: _a, room: _r, ref: _ref, reason, ...changes } = frame;
  const before = effectiveSettings(record.settings, moderationConfig);
  const settings = effectiveSettings(
    await writeRoomSettings(room, changes as StoredRoomSettings),
    moderationConfig,
  );
  if (settings.slowModeSeconds !== before.slowModeSeconds || settings.links !== before.links) {
    await fanOut(api, { room }, { type: 'moderation', kind: 'settings', room, ...publicSettings(settings) });
  }
  await audit({ identity, standing, api }, actorRole, {
    action: 'room_settings',
    room,
    ...(reason ? { reason } : {}),
    detail: changes,
  });
  return { type: 'ack', ref: frame.ref ?? '', room, settings };
});

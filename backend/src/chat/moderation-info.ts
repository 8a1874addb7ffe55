import type { RoomInfo } from '@org/chat-sdk/protocol';
import type { ModerationConfig } from '../moderation-config.js';
import { isActive, type Restriction } from './moderation-rules.js';
import { effectiveSettings, publicSettings, type StoredRoomSettings } from './moderation-settings.js';

/** What `join` tells a participant about the room's moderation and its own standing there. */
export interface ModerationInfoInput {
  role: RoomInfo['role'];
  settings: StoredRoomSettings;
  /** The identity's mute in the room, and site-wide. */
  roomMute: Restriction | undefined;
  siteMute: Restriction | undefined;
  stage: ModerationConfig;
  now: number;
}

/**
 * The moderation part of a join's `info`: the caller's role (site admins included), slow mode and the
 * link policy when the room limits them, and a mute in force, unless it is a shadow mute: a
 * shadow-muted identity is never told.
 */
export function moderationInfo(
  input: ModerationInfoInput,
): Pick<RoomInfo, 'role' | 'slowModeSeconds' | 'links' | 'muted'> {
  const info: Pick<RoomInfo, 'role' | 'slowModeSeconds' | 'links' | 'muted'> = {
    role: input.role,
    ...publicSettings(effectiveSettings(input.settings, input.stage)),
  };
  const mute = [input.siteMute, input.roomMute]
    .filter((m): m is Restriction => isActive(m, input.now) && !m.shadow)
    .sort((a, b) => (b.until ?? Number.POSITIVE_INFINITY) - (a.until ?? Number.POSITIVE_INFINITY))[0];
  if (mute) {
    info.muted = {};
    if (mute.until !== undefined) info.muted.until = mute.until;
    if (mute.reason !== undefined) info.muted.reason = mute.reason;
  }
  return info;
}

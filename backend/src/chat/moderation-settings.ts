import type { RoomInfo, RoomSettings } from '@org/chat-sdk/protocol';
import type { ModerationConfig } from '../moderation-config.js';
import { type BlockRule, parseBlockList, type RepetitionSettings, wordRule } from './moderation-filters.js';

/** What a room stored of its settings: only what its moderators set; the stage fills the rest. */
export type StoredRoomSettings = Partial<RoomSettings>;

/** A room's settings in force: its own, else the stage's defaults. */
export function effectiveSettings(stored: StoredRoomSettings, stage: ModerationConfig): RoomSettings {
  return {
    slowModeSeconds: stored.slowModeSeconds ?? 0,
    links: stored.links ?? stage.links,
    blockList: stored.blockList ?? [],
    duplicates: stored.duplicates ?? stage.duplicates,
    flood: stored.flood ?? stage.flood,
    hookFailure: stored.hookFailure ?? stage.hookFailure,
  };
}

/** What participants are told of a room's settings when they join (and when they change). */
export function publicSettings(settings: RoomSettings): Pick<RoomInfo, 'slowModeSeconds' | 'links'> {
  return {
    ...(settings.slowModeSeconds ? { slowModeSeconds: settings.slowModeSeconds } : {}),
    ...(settings.links !== 'allow' ? { links: settings.links } : {}),
  };
}

let stageRules: { spec: string; rules: BlockRule[] } | undefined;

/** The block rules of a room: the stage's (parsed once per instance) and the room's own words (refused). */
export function blockRules(settings: RoomSettings, stage: ModerationConfig): BlockRule[] {
  if (stageRules?.spec !== stage.blockList) {
    stageRules = { spec: stage.blockList, rules: parseBlockList(stage.blockList) };
  }
  const own = settings.blockList
    .map((word) => wordRule(word, 'reject'))
    .filter((rule): rule is BlockRule => rule !== undefined);
  return own.length ? [...stageRules.rules, ...own] : stageRules.rules;
}

/** The flood and duplicate settings of a room. */
export function repetitionSettings(settings: RoomSettings, stage: ModerationConfig): RepetitionSettings {
  return {
    duplicates: settings.duplicates,
    duplicateSeconds: stage.duplicateSeconds,
    flood: settings.flood,
    floodMessages: stage.floodMessages,
    floodSeconds: stage.floodSeconds,
  };
}

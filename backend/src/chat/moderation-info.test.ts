import { describe, expect, it } from 'vitest';
import { loadModerationConfig } from '../moderation-config.js';
import { moderationInfo } from './moderation-info.js';
import { visibleRows } from './moderation-pages.js';
import type { Restriction } from './moderation-rules.js';
import { effectiveSettings } from './moderation-settings.js';

const stage = loadModerationConfig({ MODERATION_LINKS: 'users', MODERATION_FLOOD: 'on' });
const mute = (extra: Partial<Restriction> = {}): Restriction => ({
  kind: 'mute',
  until: 50,
  shadow: false,
  reason: 'calm',
  by: 'm',
  at: 0,
  ...extra,
});

describe('what a join tells about moderation', () => {
  it('says the role, the room’s limits and a mute in force, never a shadow mute', () => {
    const base = { role: 'member' as const, settings: { slowModeSeconds: 8 }, stage, now: 10 };
    expect(moderationInfo({ ...base, roomMute: mute(), siteMute: undefined })).toEqual({
      role: 'member',
      slowModeSeconds: 8,
      links: 'users',
      muted: { until: 50, reason: 'calm' },
    });
    expect(
      moderationInfo({ ...base, roomMute: mute({ shadow: true }), siteMute: undefined }).muted,
    ).toBeUndefined();
    expect(
      moderationInfo({ ...base, roomMute: mute({ until: 5 }), siteMute: undefined }).muted,
    ).toBeUndefined();
    // The longer of a room and a site-wide mute.
    expect(
      moderationInfo({ ...base, roomMute: mute(), siteMute: mute({ until: undefined, reason: 'site' }) })
        .muted,
    ).toEqual({ reason: 'site' });
    expect(
      moderationInfo({ ...base, settings: { links: 'allow' }, roomMute: undefined, siteMute: undefined }),
    ).toEqual({
      role: 'member',
    });
  });
});

describe('room settings', () => {
  it('take the room’s own values over the stage’s defaults', () => {
    expect(effectiveSettings({}, stage)).toEqual({
      slowModeSeconds: 0,
      links: 'users',
      blockList: [],
      duplicates: false,
      flood: true,
      hookFailure: 'open',
    });
    expect(effectiveSettings({ links: 'allow', flood: false, hookFailure: 'closed' }, stage)).toMatchObject({
      links: 'allow',
      flood: false,
      hookFailure: 'closed',
    });
  });

  it('refuse a stage setting that is not one of its values', () => {
    expect(() => loadModerationConfig({ MODERATION_LINKS: 'some' })).toThrow(/MODERATION_LINKS/);
    expect(() => loadModerationConfig({ MODERATION_FLOOD: 'yes' })).toThrow(/on or off/);
  });
});

describe('shadowed messages in pages', () => {
  it('are messages for their author and settled positions for everyone else', () => {
    const message = {
      id: 'i',
      seq: 2,
      clientId: 'c',
      room: 'r',
      text: 't',
      ts: 1,
      sender: { id: 'troll', name: 'T', guest: true },
    };
    const rows = [
      { seq: 2, ts: 1, message, shadowOf: 'troll' },
      { seq: 3, ts: 1 },
    ];
    expect(visibleRows(rows, 'troll')).toEqual(rows);
    expect(visibleRows(rows, 'reader')).toEqual([
      { seq: 2, ts: 1 },
      { seq: 3, ts: 1 },
    ]);
  });
});

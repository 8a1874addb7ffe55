import { describe, expect, it } from 'vitest';
import { MAX_REASON_LENGTH } from './moderation-frames.js';
import { parseClientFrame } from './parse.js';

const parse = (frame: unknown) => parseClientFrame(JSON.stringify(frame));

describe('moderation frames', () => {
  it('accepts each moderation action with its fields', () => {
    const frames = [
      { action: 'edit', room: 'lobby', seq: 3, text: 'fixed', ref: '1' },
      { action: 'delete', room: 'lobby', seq: 3, reason: 'spam' },
      { action: 'report', room: 'lobby', seq: 3, reason: 'rude' },
      { action: 'mute', room: 'lobby', user: 'guest_1', durationSeconds: 600, reason: 'calm', shadow: true },
      { action: 'mute', user: 'abc-123' },
      { action: 'ban', room: 'lobby', user: 'abc-123', durationSeconds: 3600 },
      { action: 'unmute', user: 'abc-123', reason: 'ok' },
      { action: 'unban', room: 'lobby', user: 'abc-123' },
      { action: 'set_role', room: 'lobby', user: 'abc-123', role: 'moderator' },
      {
        action: 'room_settings',
        room: 'lobby',
        slowModeSeconds: 0,
        links: 'users',
        blockList: [],
        flood: true,
      },
      { action: 'reports', room: 'lobby', limit: 20 },
      { action: 'reports' },
      { action: 'resolve', room: 'lobby', report: 'm3', resolution: 'approve' },
      { action: 'audit', before: '01J00000000000000000000000' },
    ];
    for (const frame of frames) expect(parse(frame), frame.action).toEqual({ ok: true, frame });
  });

  it('refuses what a script might try: other roles, odd durations, long reasons, extra fields', () => {
    const refused = [
      { action: 'set_role', room: 'lobby', user: 'x', role: 'owner' },
      { action: 'set_role', room: 'lobby', user: 'x', role: 'admin' },
      { action: 'mute', user: 'x', durationSeconds: 0 },
      { action: 'mute', user: 'x', durationSeconds: 1.5 },
      { action: 'ban', user: 'x', durationSeconds: 11 * 365 * 24 * 3600 },
      { action: 'ban', user: 'x', reason: 'r'.repeat(MAX_REASON_LENGTH + 1) },
      { action: 'report', room: 'lobby', seq: 3 },
      { action: 'edit', room: 'lobby', seq: -1, text: 'x' },
      { action: 'delete', room: 'lobby', seq: 3, sender: { id: 'someone' } },
      { action: 'room_settings', room: 'lobby', slowModeSeconds: 3601 },
      { action: 'room_settings', room: 'lobby', links: 'some' },
      { action: 'room_settings', room: 'lobby', blockList: Array(101).fill('w') },
      { action: 'room_settings', room: 'lobby', blockList: ['w'.repeat(65)] },
      { action: 'resolve', room: 'lobby', report: 'm3', resolution: 'explode' },
      { action: 'resolve', room: 'lobby', report: '../R#x', resolution: 'dismiss' },
      { action: 'audit', before: 'not-an-id' },
      { action: 'reports', limit: 101 },
    ];
    for (const frame of refused) {
      expect(parse(frame), JSON.stringify(frame)).toMatchObject({ ok: false, problem: { code: 'invalid' } });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors.js';
import {
  activeBan,
  assertModerator,
  assertNotBanned,
  assertOutranks,
  isActive,
  noRestrictions,
  type Restriction,
  restrictionEnd,
  restrictionExpiry,
  roomRole,
} from './moderation-rules.js';
import type { RoomMeta } from './rooms.js';

const meta: RoomMeta = { id: 'r', visibility: 'public', owner: 'owner-1', createdAt: 0 };
const user = (id: string) => ({ id, name: id, guest: false });
const guest = { id: 'guest_1', name: 'G', guest: true };
const ban = (until?: number): Restriction => ({
  kind: 'ban',
  until,
  shadow: false,
  reason: 'r',
  by: 'm',
  at: 0,
});

describe('roles', () => {
  it('ranks site admins, the owner, moderators and members; a guest is never more than a member', () => {
    expect(roomRole(meta, undefined, user('x'), true)).toBe('admin');
    expect(roomRole(meta, undefined, user('owner-1'), false)).toBe('owner');
    expect(roomRole(meta, 'moderator', user('x'), false)).toBe('moderator');
    expect(roomRole(meta, 'member', user('x'), false)).toBe('member');
    expect(roomRole(meta, 'moderator', guest, true)).toBe('member');
    expect(roomRole(undefined, undefined, user('x'), false)).toBe('member');
  });

  it('lets a role act only on a lower one', () => {
    expect(() => assertModerator('member', 'r')).toThrow(ChatError);
    expect(() => assertModerator('moderator', 'r')).not.toThrow();
    expect(() => assertOutranks('moderator', 'moderator')).toThrow(/cannot act/);
    expect(() => assertOutranks('moderator', 'owner')).toThrow(ChatError);
    expect(() => assertOutranks('owner', 'moderator')).not.toThrow();
    expect(() => assertOutranks('admin', 'owner')).not.toThrow();
  });
});

describe('restrictions', () => {
  it('hold until they end, or for good', () => {
    expect(isActive(ban(), 10)).toBe(true);
    expect(isActive(ban(11), 10)).toBe(true);
    expect(isActive(ban(10), 10)).toBe(false);
    expect(isActive(undefined, 10)).toBe(false);
    expect(restrictionEnd(1000, 60)).toBe(61_000);
    expect(restrictionEnd(1000, undefined)).toBeUndefined();
  });

  it('keep a guest out by its network too, a user by its id only', () => {
    const restrictions = noRestrictions();
    restrictions.networkBans.set('10.0.0.1', ban());
    expect(activeBan(restrictions, guest, '10.0.0.1', 0)).toBeDefined();
    expect(activeBan(restrictions, user('x'), '10.0.0.1', 0)).toBeUndefined();
    expect(activeBan(restrictions, guest, '10.0.0.2', 0)).toBeUndefined();
    restrictions.bans.set('x', ban(5));
    expect(activeBan(restrictions, user('x'), undefined, 4)).toBeDefined();
    expect(activeBan(restrictions, user('x'), undefined, 6)).toBeUndefined();
  });

  it('refuse with `banned` and when the ban ends', () => {
    const error = (() => {
      try {
        assertNotBanned(ban(99), 'r');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ code: 'banned', until: 99 });
    expect(() => assertNotBanned(undefined, 'r')).not.toThrow();
  });

  it('expire a guest’s record once no guest token of it can exist; a user’s when it ends', () => {
    const day = 86_400_000;
    expect(restrictionExpiry(undefined, true, 0, 30 * 86_400)).toBe(31 * day);
    expect(restrictionExpiry(5 * day, true, 0, 30 * 86_400)).toBe(5 * day);
    expect(restrictionExpiry(undefined, false, 0, 30 * 86_400)).toBeUndefined();
    expect(restrictionExpiry(90 * day, false, 0, 30 * 86_400)).toBe(90 * day);
  });
});

import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors.js';
import {
  assertCanCreate,
  assertCanManageMembers,
  assertCanRemove,
  assertCanUse,
  assertMemberCandidate,
  assertRoomExists,
  isOpenRoomName,
  mayReceive,
  type RoomAccess,
  roomInfo,
} from './rooms.js';

const guest = { id: 'guest_1', name: 'G', guest: true };
const owner = { id: 'owner', name: 'O', guest: false };
const member = { id: 'member', name: 'M', guest: false };
const stranger = { id: 'stranger', name: 'S', guest: false };
const privateMeta = { id: 'r', visibility: 'private' as const, owner: 'owner', createdAt: 0 };
const publicMeta = { ...privateMeta, visibility: 'public' as const };

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ChatError ? error.code : 'not a ChatError';
  }
  return undefined;
}

const access = (meta: RoomAccess['meta'], isMember: boolean): RoomAccess => ({
  meta,
  role: isMember ? 'member' : undefined,
});

describe('room rules', () => {
  it('lets everyone use implicit and created public rooms', () => {
    for (const who of [guest, stranger]) {
      expect(codeOf(() => assertCanUse('r', access(undefined, false), who))).toBeUndefined();
      expect(codeOf(() => assertCanUse('r', access(publicMeta, false), who))).toBeUndefined();
    }
  });

  it('lets only members use a private room, and never guests', () => {
    expect(codeOf(() => assertCanUse('r', access(privateMeta, true), member))).toBeUndefined();
    expect(codeOf(() => assertCanUse('r', access(privateMeta, false), stranger))).toBe('forbidden');
    expect(codeOf(() => assertCanUse('r', access(privateMeta, true), guest))).toBe('forbidden');
  });

  it('lets only signed-in users create rooms', () => {
    expect(codeOf(() => assertCanCreate(guest))).toBe('forbidden');
    expect(codeOf(() => assertCanCreate(owner))).toBeUndefined();
  });

  it('manages members only in created private rooms, by members', () => {
    expect(codeOf(() => assertCanManageMembers('r', access(undefined, false), owner))).toBe('not_found');
    expect(codeOf(() => assertCanManageMembers('r', access(publicMeta, false), owner))).toBe('invalid');
    expect(codeOf(() => assertCanManageMembers('r', access(privateMeta, false), stranger))).toBe('forbidden');
    expect(codeOf(() => assertCanManageMembers('r', access(privateMeta, true), member))).toBeUndefined();
    expect(codeOf(() => assertMemberCandidate('guest_2'))).toBe('forbidden');
    expect(codeOf(() => assertMemberCandidate('a-user'))).toBeUndefined();
  });

  it('lets members leave, the owner remove others, and nobody remove the owner', () => {
    expect(codeOf(() => assertCanRemove('r', access(privateMeta, true), member, 'member'))).toBeUndefined();
    expect(codeOf(() => assertCanRemove('r', access(privateMeta, true), member, 'other'))).toBe('forbidden');
    expect(codeOf(() => assertCanRemove('r', access(privateMeta, true), owner, 'member'))).toBeUndefined();
    expect(codeOf(() => assertCanRemove('r', access(privateMeta, true), owner, 'owner'))).toBe('invalid');
  });

  it('lets the owner use their private room without a member record', () => {
    expect(codeOf(() => assertCanUse('r', access(privateMeta, false), owner))).toBeUndefined();
  });

  it('delivers a private room only to its owner and members, at the moment of delivery', () => {
    const members = new Map([['member', 'member' as const]]);
    expect(mayReceive(privateMeta, members, member)).toBe(true);
    expect(mayReceive(privateMeta, members, owner)).toBe(true);
    expect(mayReceive(privateMeta, new Map(), member)).toBe(false);
    expect(mayReceive(privateMeta, members, { ...guest, id: 'member' })).toBe(false);
    expect(mayReceive(publicMeta, new Map(), guest)).toBe(true);
    expect(mayReceive(undefined, new Map(), guest)).toBe(true);
  });

  it('opens room names to use without create only as the stage allows', () => {
    expect(isOpenRoomName('anything', '*')).toBe(true);
    expect(isOpenRoomName('lobby', 'lobby,help-*')).toBe(true);
    expect(isOpenRoomName('help-billing', 'lobby,help-*')).toBe(true);
    expect(isOpenRoomName('lobby2', 'lobby,help-*')).toBe(false);
    expect(isOpenRoomName('board', '')).toBe(false);
    expect(codeOf(() => assertRoomExists('board', undefined, 'lobby'))).toBe('not_found');
    expect(codeOf(() => assertRoomExists('board', privateMeta, 'lobby'))).toBeUndefined();
  });

  it('tells a joiner what the room is and their standing in it', () => {
    expect(roomInfo(access(privateMeta, false), owner)).toEqual({
      visibility: 'private',
      owner: 'owner',
      role: 'owner',
    });
    expect(roomInfo({ meta: { ...publicMeta, title: 'Help' }, role: 'moderator' }, member)).toEqual({
      visibility: 'public',
      owner: 'owner',
      title: 'Help',
      role: 'moderator',
    });
    expect(roomInfo(access(undefined, false), guest)).toEqual({ visibility: 'public', role: 'member' });
  });
});

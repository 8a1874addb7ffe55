import type { ChatMessage } from '@org/chat-sdk';
import { describe, expect, it } from 'vitest';
import { en } from '../Common/i18n/en.js';
import { menuItems, moderates } from './message-tools.js';
import { moderationStrings } from './moderation-strings.js';

const message: ChatMessage = {
  id: 'm1',
  seq: 1,
  clientId: 'c1',
  room: 'lobby',
  text: 'hello',
  ts: 0,
  sender: { id: 'guest_ada', name: 'Ada', guest: true },
};
const tools = (own: boolean, moderator: boolean) =>
  menuItems(moderationStrings(en), message, own, moderator).map(([tool, text]) => `${tool}:${text}`);

describe('the message menu’s items', () => {
  it('offers authors edit and delete, others a report, and moderators delete, mute and ban', () => {
    expect(tools(true, false)).toEqual(['edit:Edit', 'delete:Delete']);
    expect(tools(false, false)).toEqual(['report:Report']);
    expect(tools(false, true)).toEqual(['delete:Delete', 'report:Report', 'mute:Mute Ada', 'ban:Ban Ada']);
    // Moderators do not restrict themselves.
    expect(tools(true, true)).toEqual(['edit:Edit', 'delete:Delete']);
  });

  it('takes owners, moderators and site admins for moderators, and nobody else', () => {
    expect(
      ['owner', 'moderator', 'admin', 'member', undefined].map((role) => moderates(role as never)),
    ).toEqual([true, true, true, false, false]);
  });
});

import type { ChatMessage } from '@org/chat-sdk';
import { describe, expect, it } from 'vitest';
import { mergeMessages } from './merge-messages.js';

const sender = { id: 'g1', name: 'Ada', guest: true };
const message = (id: string): ChatMessage => ({ id, clientId: id, room: 'lobby', text: id, ts: 0, sender });
const ids = (messages: readonly ChatMessage[]) => messages.map((m) => m.id);

describe('mergeMessages', () => {
  it('keeps one entry per id, in id order, when a history page overlaps the live feed', () => {
    const live = [message('03'), message('05')];
    expect(ids(mergeMessages(live, [message('01'), message('03'), message('04')]))).toEqual([
      '01',
      '03',
      '04',
      '05',
    ]);
  });

  it('returns the same array when nothing is new, so nothing re-renders', () => {
    const current = [message('01'), message('02')];
    expect(mergeMessages(current, [message('02')])).toBe(current);
  });

  it('appends a newer live message', () => {
    expect(ids(mergeMessages([message('01')], [message('02')]))).toEqual(['01', '02']);
  });
});

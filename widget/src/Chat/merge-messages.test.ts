import type { ChatMessage } from '@org/chat-sdk';
import { describe, expect, it } from 'vitest';
import { mergeMessages } from './merge-messages.js';

const sender = { id: 'g1', name: 'Ada', guest: true };
/** A message at a position; its id is unrelated to the position (ids order nothing). */
const message = (seq: number): ChatMessage => ({
  id: `z${100 - seq}`,
  seq,
  clientId: `c${seq}`,
  room: 'lobby',
  text: String(seq),
  ts: 0,
  sender,
});
const ids = (messages: readonly ChatMessage[]) => messages.map((m) => m.seq);

describe('mergeMessages', () => {
  it('keeps one entry per message, in position order, when a history page overlaps the live feed', () => {
    const live = [message(3), message(5)];
    expect(ids(mergeMessages(live, [message(1), message(3), message(4)]))).toEqual([1, 3, 4, 5]);
  });

  it('returns the same array when nothing is new, so nothing re-renders', () => {
    const current = [message(1), message(2)];
    expect(mergeMessages(current, [message(2)])).toBe(current);
  });

  it('appends a newer live message', () => {
    expect(ids(mergeMessages([message(1)], [message(2)]))).toEqual([1, 2]);
  });
});

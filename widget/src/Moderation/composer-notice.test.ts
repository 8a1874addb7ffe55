import { ChatError, type ChatMessage, type OutgoingMessage } from '@org/chat-sdk';
import { describe, expect, it } from 'vitest';
import { slowModeEnds } from './composer-notice.js';

const ada = { id: 'guest_ada', name: 'Ada', guest: true };
const grace = { id: 'guest_grace', name: 'Grace', guest: true };
const at = (seq: number, ts: number, sender = ada): ChatMessage => ({
  id: `m${seq}`,
  seq,
  clientId: `c${seq}`,
  room: 'lobby',
  text: 'hi',
  ts,
  sender,
});
const now = 1_000_000;

describe('slow mode’s wait', () => {
  it('ends an interval after the visitor’s own last message, not someone else’s', () => {
    const messages = [at(1, now - 4_000), at(2, now - 1_000, grace)];
    expect(slowModeEnds(ada.id, messages, [], 10, new Map(), now)).toBe(now + 6_000);
    expect(slowModeEnds(ada.id, [at(2, now - 1_000, grace)], [], 10, new Map(), now)).toBe(0);
  });

  it('never waits longer than an interval from now, whatever the clocks say', () => {
    expect(slowModeEnds(ada.id, [at(1, now + 60_000)], [], 10, new Map(), now)).toBe(now + 10_000);
  });

  it('follows the server’s answer to a refused send, from when it was first seen', () => {
    const refused: OutgoingMessage = {
      clientId: 'x1',
      text: 'too soon',
      status: 'failed',
      createdAt: now,
      error: new ChatError('slow_mode', 'slow mode', 8_000),
    };
    const noted = new Map<string, number>();
    expect(slowModeEnds(ada.id, [at(1, now - 9_000)], [refused], 10, noted, now)).toBe(now + 8_000);
    // Later renders keep the first reading instead of pushing the end back.
    expect(slowModeEnds(ada.id, [], [refused], 10, noted, now + 3_000)).toBe(now + 8_000);
  });
});

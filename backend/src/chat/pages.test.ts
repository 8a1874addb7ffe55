import type { ChatMessage } from '@org/chat-sdk/protocol';
import { describe, expect, it } from 'vitest';
import { backwardPage, forwardPage, HOLE_MS, jsonBytes, type PositionRow, startPoint } from './pages.js';

const NOW = 1_700_000_000_000;
const OLD = NOW - HOLE_MS - 1;
const RECENT = NOW - 100;
const roomy = { maxMessages: 100, maxBytes: 1_000_000 };

function message(seq: number, text = `m${seq}`): ChatMessage {
  return {
    id: `id${seq}`,
    seq,
    clientId: `client-${seq}`,
    room: 'r',
    text,
    ts: NOW,
    sender: { id: 'u', name: 'U', guest: true },
  };
}
const row = (seq: number, ts = OLD): PositionRow => ({ seq, ts, message: message(seq) });
const skipped = (seq: number, ts = OLD): PositionRow => ({ seq, ts });
const seqs = (messages: ChatMessage[]) => messages.map((m) => m.seq);

describe('forwardPage', () => {
  it('returns the rows after the point and settles every position it covers', () => {
    const page = forwardPage([row(4), row(5), skipped(6), row(7)], 3, roomy, false, NOW);
    expect(seqs(page.messages)).toEqual([4, 5, 7]);
    expect(page).toMatchObject({ upTo: 7, hasMore: false, pending: false });
  });

  it('stops before a gap that a recent row says may still be written', () => {
    const page = forwardPage([row(4), row(6, RECENT), row(7, RECENT)], 3, roomy, false, NOW);
    expect(seqs(page.messages)).toEqual([4]);
    expect(page).toMatchObject({ upTo: 4, hasMore: true, pending: true });
  });

  it('treats a gap below an old row as settled (the write gave up long ago)', () => {
    const page = forwardPage([row(4), row(6), row(7, RECENT)], 3, roomy, false, NOW);
    expect(seqs(page.messages)).toEqual([4, 6, 7]);
    expect(page.upTo).toBe(7);
  });

  it('applies the gap rule to the positions right after the starting point too', () => {
    expect(forwardPage([row(5, RECENT)], 3, roomy, false, NOW)).toMatchObject({ upTo: 3, pending: true });
    expect(forwardPage([row(5)], 3, roomy, false, NOW)).toMatchObject({ upTo: 5, pending: false });
  });

  it('passes expired rows without showing them and keeps going', () => {
    const rows = [{ ...row(4), expired: true }, { ...row(5), expired: true }, row(6)];
    const page = forwardPage(rows, 3, roomy, true, NOW);
    expect(seqs(page.messages)).toEqual([6]);
    expect(page).toMatchObject({ upTo: 6, hasMore: true });
  });

  it('says hasMore when only expired rows were read but the store has more', () => {
    const page = forwardPage([{ ...row(4), expired: true }], 3, roomy, true, NOW);
    expect(page).toMatchObject({ messages: [], upTo: 4, hasMore: true });
  });

  it('cuts by count and by bytes, settling only what it returned', () => {
    const rows = [row(1), row(2), row(3)];
    expect(forwardPage(rows, 0, { maxMessages: 2, maxBytes: 1e6 }, false, NOW)).toMatchObject({
      upTo: 2,
      hasMore: true,
    });
    const oneFits = jsonBytes(message(1)) + 1;
    const page = forwardPage(rows, 0, { maxMessages: 100, maxBytes: oneFits + 5 }, false, NOW);
    expect(seqs(page.messages)).toEqual([1]);
    expect(page).toMatchObject({ upTo: 1, hasMore: true });
  });
});

describe('startPoint', () => {
  it('starts at the latest position when nothing can be pending', () => {
    expect(startPoint([row(9), row(10)], 8, 10, OLD, NOW)).toEqual({ upTo: 10, messages: [] });
  });

  it('starts below a recent gap and hands over the rows already written after it', () => {
    const start = startPoint([row(8), row(10, RECENT), row(11, RECENT)], 7, 11, RECENT, NOW);
    expect(start.upTo).toBe(8);
    expect(seqs(start.messages)).toEqual([10, 11]);
  });

  it('starts below the latest position when it was just allocated and is not written yet', () => {
    const start = startPoint([row(8), row(9, RECENT)], 7, 10, RECENT, NOW);
    expect(start).toEqual({ upTo: 9, messages: [] });
  });

  it('ignores a gap that is old', () => {
    expect(startPoint([row(8), row(10)], 7, 10, OLD, NOW)).toEqual({ upTo: 10, messages: [] });
  });
});

describe('backwardPage', () => {
  it('returns messages oldest first, leaving out skipped and expired rows', () => {
    const rows = [row(9), skipped(8), { ...row(7), expired: true }, row(6)];
    const page = backwardPage(rows, roomy, false);
    expect(seqs(page.messages)).toEqual([6, 9]);
    expect(page.hasMore).toBe(false);
  });

  it('cuts by bytes with hasMore', () => {
    const big = (seq: number): PositionRow => ({ seq, ts: OLD, message: message(seq, '字'.repeat(4000)) });
    const rows = Array.from({ length: 20 }, (_, i) => big(20 - i));
    const page = backwardPage(rows, { maxMessages: 100, maxBytes: 120_000 }, false);
    expect(page.hasMore).toBe(true);
    expect(page.messages.length).toBeGreaterThan(0);
    expect(jsonBytes(page.messages)).toBeLessThanOrEqual(120_000);
    expect(seqs(page.messages).at(-1)).toBe(20);
  });
});

import { describe, expect, it } from 'vitest';
import { OrderedFeed } from './feed.js';
import type { ChatMessage } from './protocol/types.js';

const at = (seq: number) => ({ seq, id: `id${seq}` }) as ChatMessage;

function feed() {
  const emitted: number[] = [];
  return { feed: new OrderedFeed((m) => emitted.push(m.seq)), emitted };
}

describe('OrderedFeed', () => {
  it('emits nothing before it knows where to start, then from the start on', () => {
    const { feed: f, emitted } = feed();
    f.offer(at(4));
    f.offer(at(6));
    expect(emitted).toEqual([]);
    f.start(4);
    expect(emitted).toEqual([]);
    f.offer(at(5));
    expect(emitted).toEqual([5, 6]);
  });

  it('holds what overtook a gap, reports the gap, and releases in order when it fills', () => {
    const { feed: f, emitted } = feed();
    f.start(0);
    f.offer(at(2));
    f.offer(at(3));
    expect(f.hasGap).toBe(true);
    expect(f.heldCount).toBe(2);
    f.offer(at(1));
    expect(emitted).toEqual([1, 2, 3]);
    expect(f.hasGap).toBe(false);
  });

  it('never emits a position twice or one below the cursor', () => {
    const { feed: f, emitted } = feed();
    f.start(0);
    for (const seq of [1, 1, 2, 1, 2, 3]) f.offer(at(seq));
    expect(emitted).toEqual([1, 2, 3]);
  });

  it('moves past settled positions it never had, emitting what was held below them first', () => {
    const { feed: f, emitted } = feed();
    f.start(0);
    f.offer(at(3));
    f.offer(at(6));
    f.settle(4);
    expect(emitted).toEqual([3]);
    expect(f.cursor).toBe(4);
    f.settle(5);
    expect(emitted).toEqual([3, 6]);
  });

  it('reports a gap for positions announced but never seen', () => {
    const { feed: f } = feed();
    f.start(2);
    f.noteLatest(3);
    expect(f.hasGap).toBe(true);
    f.offer(at(3));
    expect(f.hasGap).toBe(false);
  });
});

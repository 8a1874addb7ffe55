import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeRoom } from './fake-room.js';
import { createTypingStore } from './typing-store.js';

const ada = { id: 'ada', name: 'Ada', guest: true };
const bob = { id: 'bob', name: 'Bob', guest: true };

describe('createTypingStore (useTyping)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows each typist until their last typing event is timeoutMs old', () => {
    const room = new FakeRoom();
    const store = createTypingStore(room, 4000);
    store.subscribe(() => {});
    room.emit('typing', { user: ada });
    vi.advanceTimersByTime(2000);
    room.emit('typing', { user: bob });
    expect(store.getSnapshot()).toEqual([ada, bob]);
    vi.advanceTimersByTime(2000);
    expect(store.getSnapshot()).toEqual([bob]);
    room.emit('typing', { user: bob }); // still typing: the clock restarts
    vi.advanceTimersByTime(3999);
    expect(store.getSnapshot()).toEqual([bob]);
    vi.advanceTimersByTime(1);
    expect(store.getSnapshot()).toEqual([]);
  });

  it('keeps the same snapshot while nothing changed, and forgets everything unsubscribed', () => {
    const room = new FakeRoom();
    const store = createTypingStore(room, 4000);
    const unsubscribe = store.subscribe(() => {});
    room.emit('typing', { user: ada });
    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    unsubscribe();
    expect(store.getSnapshot()).toEqual([]);
    room.emit('typing', { user: bob });
    expect(store.getSnapshot()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors.js';
import { FakeRoom, message } from './fake-room.js';
import { createMessageStore } from './message-store.js';

const ids = (store: ReturnType<typeof createMessageStore>) => store.getSnapshot().messages.map((m) => m.id);
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createMessageStore (useMessages)', () => {
  it('loads the newest page on the first subscription and merges live messages in room order, each once', async () => {
    const room = new FakeRoom();
    room.pages.push({ messages: [message('01B'), message('01C')], hasMore: true });
    const store = createMessageStore(room, 2);
    expect(room.asked).toEqual([]);
    let changes = 0;
    store.subscribe(() => changes++);
    // A live message overtaking the first page, and one the page also holds.
    room.emit('message', message('01D'));
    room.emit('message', message('01C'));
    await settled();
    expect(room.asked).toEqual([{ limit: 2, before: undefined }]);
    expect(ids(store)).toEqual(['01B', '01C', '01D']);
    expect(store.getSnapshot()).toMatchObject({ hasMore: true, loading: false, error: undefined });
    expect(changes).toBeGreaterThan(0);
  });

  it('pages back from the oldest message held until the server says there is no more', async () => {
    const room = new FakeRoom();
    room.pages.push(
      { messages: [message('01C'), message('01D')], hasMore: true },
      { messages: [message('01A'), message('01B')], hasMore: false },
    );
    const store = createMessageStore(room, 2);
    store.subscribe(() => {});
    await settled();
    await store.loadOlder();
    expect(room.asked).toEqual([
      { limit: 2, before: undefined },
      { limit: 2, before: Number.parseInt('01C', 36) },
    ]);
    expect(ids(store)).toEqual(['01A', '01B', '01C', '01D']);
    expect(store.getSnapshot().hasMore).toBe(false);
    await store.loadOlder(); // at the beginning: nothing is asked
    expect(room.asked).toHaveLength(2);
  });

  it('asks once while a page is on its way, and keeps a failure until the next try', async () => {
    const room = new FakeRoom();
    room.pages.push(new ChatError('timeout', 'slow'), { messages: [message('01A')], hasMore: false });
    const store = createMessageStore(room);
    store.subscribe(() => {});
    expect(store.getSnapshot().loading).toBe(true);
    await store.loadOlder(); // the first page is still loading
    await settled();
    expect(room.asked).toHaveLength(1);
    expect(store.getSnapshot()).toMatchObject({ loading: false, hasMore: true });
    expect(store.getSnapshot().error?.code).toBe('timeout');
    await store.loadOlder();
    expect(store.getSnapshot()).toMatchObject({ error: undefined, hasMore: false });
    expect(ids(store)).toEqual(['01A']);
  });

  it('stops listening to the room when the last subscriber leaves', async () => {
    const room = new FakeRoom();
    room.pages.push({ messages: [], hasMore: false });
    const store = createMessageStore(room);
    const unsubscribe = store.subscribe(() => {});
    await settled();
    unsubscribe();
    room.emit('message', message('01A'));
    expect(ids(store)).toEqual([]);
  });
});

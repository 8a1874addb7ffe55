import {
  type AuthProvider,
  type ChatClient,
  ChatError,
  type ChatMessage,
  type ConnectionState,
  type OutgoingMessage,
  type Room,
  type RoomEvents,
  type RoomInfo,
} from '@org/chat-sdk';
import { signal } from '@preact/signals';
import { describe, expect, it, vi } from 'vitest';
import type { NameStorage } from '../Auth/name-storage.js';
import { en } from '../Common/i18n/en.js';
import { MODERATION_STRINGS_EN } from '../Moderation/moderation-strings.js';
import { type ChatStoreOptions, createChatStore } from './chat-store.js';
import { statusText } from './connection-status.js';

const ada = { id: 'guest_ada', name: 'Ada', guest: true };
const grace = { id: 'guest_grace', name: 'Grace', guest: true };

/** A message at position `seq` (its id says the same). */
function message(seq: number, sender = ada, text = `text ${seq}`): ChatMessage {
  return { id: `id${seq}`, seq, clientId: `c${seq}`, room: 'lobby', text, ts: 0, sender };
}

type Listener = (payload: never) => void;

/** A room double: the test drives its events; `send` and `history` answer as configured. */
function fakeRoom(
  options: { history?: ChatMessage[]; hasMore?: boolean; sendError?: Error; info?: RoomInfo } = {},
) {
  const listeners = new Map<string, Set<Listener>>();
  let outbox: OutgoingMessage[] = [];
  let releaseHistory: () => void = () => {};
  const historyGate = new Promise<void>((resolve) => {
    releaseHistory = resolve;
  });
  const emit = <K extends keyof RoomEvents>(event: K, payload: RoomEvents[K]) => {
    for (const listener of listeners.get(event) ?? []) (listener as (value: RoomEvents[K]) => void)(payload);
  };
  const room = {
    id: 'lobby',
    info: options.info,
    online: [ada, grace],
    get outbox() {
      return outbox;
    },
    on: (event: string, listener: Listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    send: vi.fn((text: string) => {
      if (options.sendError) return Promise.reject(options.sendError);
      outbox = [...outbox, { clientId: 'x1', text, status: 'sending', createdAt: 0 }];
      emit('outbox', outbox);
      return new Promise<ChatMessage>(() => {});
    }),
    retry: vi.fn(async () => message(9)),
    discard: vi.fn(),
    typing: vi.fn(),
    leave: vi.fn(async () => {}),
    history: vi.fn(async ({ before }: { before?: number } = {}) => {
      if (before !== undefined) return { messages: [message(-1), message(0)], hasMore: false };
      await historyGate;
      return { messages: options.history ?? [], hasMore: options.hasMore ?? false };
    }),
  };
  return {
    room: room as unknown as Room,
    spies: room,
    emit,
    setOutbox(items: OutgoingMessage[]) {
      outbox = items;
      emit('outbox', items);
    },
    releaseHistory: () => releaseHistory(),
    listening: () => (listeners.get('message')?.size ?? 0) > 0,
  };
}

/** A client double: `connect` and `join` succeed unless told otherwise. */
function fakeClient(room = fakeRoom(), options: { connectError?: Error } = {}) {
  const listeners = new Set<(s: ConnectionState) => void>();
  const client = {
    state: 'idle' as ConnectionState,
    user: undefined as typeof ada | undefined,
    connect: vi.fn(async () => {
      if (options.connectError) throw options.connectError;
      client.user = ada;
      client.setState('open');
    }),
    join: vi.fn(async () => room.room),
    on: vi.fn((event: string, listener: (payload: ConnectionState) => void) => {
      if (event !== 'state') return () => {};
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    close: vi.fn(),
    setState(state: ConnectionState) {
      client.state = state;
      for (const listener of listeners) listener(state);
    },
  };
  return client;
}

function memoryNames(initial?: string): NameStorage & { value: string | undefined } {
  return {
    value: initial,
    load() {
      return this.value;
    },
    save(name) {
      this.value = name;
    },
    clear() {
      this.value = undefined;
    },
  };
}

function storeWith(
  clients: ReturnType<typeof fakeClient> | Array<ReturnType<typeof fakeClient>>,
  extra: Partial<ChatStoreOptions> = {},
) {
  const queue = Array.isArray(clients) ? [...clients] : [clients];
  const names = (extra.names as ReturnType<typeof memoryNames>) ?? memoryNames();
  const guestAuth = vi.fn((name: string) => ({ name }) as unknown as AuthProvider);
  const createClient = vi.fn((_auth: AuthProvider) => (queue.shift() ?? queue[0]) as unknown as ChatClient);
  const store = createChatStore({ room: 'lobby', createClient, guestAuth, names, strings: en, ...extra });
  return { store, createClient, guestAuth, names };
}

describe('chat store', () => {
  it('joins with the latest history and live messages, each once and in order, and remembers the name', async () => {
    const room = fakeRoom({ history: [message(1), message(2)] });
    const client = fakeClient(room);
    const { store, guestAuth, names } = storeWith(client);
    const signingIn = store.signIn('  Ada ');
    expect(store.phase.value).toBe('signing-in');
    await vi.waitFor(() => expect(room.listening()).toBe(true));
    // Live messages that arrive while the history page loads: one also in the page, one newer.
    room.emit('message', message(2));
    room.emit('message', message(3));
    expect(store.messages.value.map((m) => m.seq)).toEqual([2, 3]);
    room.releaseHistory();
    await signingIn;
    expect(guestAuth).toHaveBeenCalledWith('Ada');
    expect(store.phase.value).toBe('ready');
    expect(store.user.value).toEqual(ada);
    expect(store.online.value).toBe(2);
    expect(store.messages.value.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(names.value).toBe('Ada');
  });

  it('shows a refused name as a sentence and forgets the remembered one', async () => {
    const client = fakeClient(fakeRoom(), {
      connectError: new ChatError('invalid', 'name must not contain control characters'),
    });
    const { store, names } = storeWith(client, { names: memoryNames('Eve') });
    await store.signIn('Eve\u202E');
    expect(store.phase.value).toBe('signed-out');
    expect(store.nameError.value).toBe('Name must not contain control characters.');
    expect(names.value).toBeUndefined();
    expect(client.close).toHaveBeenCalled();
  });

  it('explains an unreachable service without blaming the name', async () => {
    const client = fakeClient(fakeRoom(), {
      connectError: new ChatError('network', 'guest sign-in failed: fetch failed'),
    });
    const { store, names } = storeWith(client, { names: memoryNames('Ada') });
    await store.signIn('Ada');
    expect(store.nameError.value).toBe('Could not reach the chat service. Please try again.');
    expect(names.value).toBe('Ada');
  });

  it('signs in with the remembered name once, on the first resume', async () => {
    const room = fakeRoom();
    room.releaseHistory();
    const { store, createClient } = storeWith(fakeClient(room), { names: memoryNames('Ada') });
    expect(store.name.value).toBe('Ada');
    store.resume();
    store.resume();
    await vi.waitFor(() => expect(store.phase.value).toBe('ready'));
    expect(createClient).toHaveBeenCalledTimes(1);
  });

  it('follows the page’s identify: a name skips the prompt, the same name keeps the connection, null signs out', async () => {
    const room = fakeRoom();
    room.releaseHistory();
    const first = fakeClient(room);
    const second = fakeClient(room);
    const { store, createClient, guestAuth } = storeWith([first, second], {
      names: memoryNames('Remembered'),
      identity: { name: 'Linus' },
    });
    store.resume();
    await vi.waitFor(() => expect(store.phase.value).toBe('ready'));
    expect(guestAuth).toHaveBeenLastCalledWith('Linus');
    store.identify({ name: 'Linus' });
    expect(createClient).toHaveBeenCalledTimes(1);
    store.identify({ name: 'Margaret' });
    await vi.waitFor(() => expect(createClient).toHaveBeenCalledTimes(2));
    expect(first.close).toHaveBeenCalled();
    await vi.waitFor(() => expect(store.phase.value).toBe('ready'));
    store.identify(null);
    expect(store.phase.value).toBe('signed-out');
    expect(second.close).toHaveBeenCalled();
  });

  it('connects with the page’s own auth provider', async () => {
    const room = fakeRoom();
    room.releaseHistory();
    const auth = { getSession: vi.fn() } as unknown as AuthProvider;
    const { store, createClient, guestAuth } = storeWith(fakeClient(room), { identity: { auth } });
    store.resume();
    await vi.waitFor(() => expect(store.phase.value).toBe('ready'));
    expect(createClient).toHaveBeenCalledWith(auth);
    expect(guestAuth).not.toHaveBeenCalled();
    expect(store.kind.value).toBe('page');
  });

  it('says Reconnecting… while the client reconnects', async () => {
    const room = fakeRoom();
    room.releaseHistory();
    const client = fakeClient(room);
    const { store } = storeWith(client);
    await store.signIn('Ada');
    client.setState('reconnecting');
    expect(statusText(store.phase.value, store.connection.value, en)).toBe('Reconnecting…');
    client.setState('open');
    expect(statusText(store.phase.value, store.connection.value, en)).toBe('');
  });

  it('goes back to the prompt with a reason when the session is refused for good', async () => {
    const room = fakeRoom();
    room.releaseHistory();
    const client = fakeClient(room);
    const { store } = storeWith(client);
    await store.signIn('Ada');
    client.setState('failed');
    expect(store.phase.value).toBe('signed-out');
    expect(store.nameError.value).toBe(en.sessionEnded);
  });

  it('leaves the room and says why when the server removed the visitor from it', async () => {
    for (const [reason, text] of [
      ['removed', MODERATION_STRINGS_EN.removedFromRoom],
      ['private', MODERATION_STRINGS_EN.roomMadePrivate],
      ['banned', MODERATION_STRINGS_EN.banned],
    ] as const) {
      const room = fakeRoom();
      room.releaseHistory();
      const client = fakeClient(room);
      const { store } = storeWith(client);
      await store.signIn('Ada');
      room.emit('removed', { reason });
      await vi.waitFor(() => expect(store.phase.value).toBe('signed-out'));
      expect(store.nameError.value).toBe(text);
      expect(client.close).toHaveBeenCalled();
    }
  });

  it('shows queued and failed sends from the outbox, and retries or discards them', async () => {
    const room = fakeRoom();
    room.releaseHistory();
    const { store } = storeWith(fakeClient(room));
    await store.signIn('Ada');
    await expect(store.send('  hello ')).resolves.toBe(true);
    expect(room.spies.send).toHaveBeenCalledWith('hello');
    expect(store.outbox.value).toEqual([expect.objectContaining({ text: 'hello', status: 'sending' })]);
    room.setOutbox([{ clientId: 'x1', text: 'hello', status: 'failed', createdAt: 0 }]);
    expect(store.outbox.value[0]?.status).toBe('failed');
    store.retry('x1');
    expect(room.spies.retry).toHaveBeenCalledWith('x1');
    store.discard('x1');
    expect(room.spies.discard).toHaveBeenCalledWith('x1');
  });

  it('reports a send refused before it was even queued, in words by its code', async () => {
    const room = fakeRoom({ sendError: new ChatError('rate_limited', 'the outbox is full (100 messages)') });
    room.releaseHistory();
    const { store } = storeWith(fakeClient(room));
    await store.signIn('Ada');
    await expect(store.send('hello')).resolves.toBe(false);
    expect(store.chatError.value).toBe(`Not sent: ${MODERATION_STRINGS_EN.refusedRateLimited}`);
  });

  it('shows who else is typing until their message arrives or the notice expires', async () => {
    vi.useFakeTimers();
    try {
      const room = fakeRoom();
      room.releaseHistory();
      const { store } = storeWith(fakeClient(room));
      await store.signIn('Ada');
      room.emit('typing', { user: ada });
      room.emit('typing', { user: grace });
      expect(store.typing.value).toEqual([grace]);
      room.emit('message', message(5, grace));
      expect(store.typing.value).toEqual([]);
      room.emit('typing', { user: grace });
      vi.advanceTimersByTime(3999);
      expect(store.typing.value).toEqual([grace]);
      vi.advanceTimersByTime(1);
      expect(store.typing.value).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports every new live message once, own ones included', async () => {
    const room = fakeRoom();
    room.releaseHistory();
    const onMessage = vi.fn();
    const { store } = storeWith(fakeClient(room), { onMessage });
    await store.signIn('Ada');
    room.emit('message', message(5, grace));
    room.emit('message', message(6, ada));
    room.emit('message', message(5, grace));
    expect(onMessage.mock.calls.map(([m]) => m.seq)).toEqual([5, 6]);
  });

  it('prefills the name form with the remembered name, and keeps the drafts it was given', async () => {
    const draft = signal('half a thought');
    const nameDraft = signal('');
    const { store } = storeWith(fakeClient(), { names: memoryNames('Grace'), draft, nameDraft });
    expect(store.draft).toBe(draft);
    expect(store.nameDraft.value).toBe('Grace');
    void store.signIn('Ada');
    expect(nameDraft.value).toBe('Ada');
  });

  it('loads the page before the oldest message shown', async () => {
    const room = fakeRoom({ history: [message(1), message(2)], hasMore: true });
    room.releaseHistory();
    const { store } = storeWith(fakeClient(room));
    await store.signIn('Ada');
    expect(store.hasMore.value).toBe(true);
    await store.loadOlder();
    expect(room.spies.history).toHaveBeenLastCalledWith({ before: 1, limit: 50 });
    expect(store.messages.value.map((m) => m.seq)).toEqual([-1, 0, 1, 2]);
    expect(store.hasMore.value).toBe(false);
  });

  it('closes the client on dispose', async () => {
    const room = fakeRoom();
    room.releaseHistory();
    const client = fakeClient(room);
    const { store } = storeWith(client);
    await store.signIn('Ada');
    store.dispose();
    expect(client.close).toHaveBeenCalled();
  });

  it('shows an edit and a deletion in place, live, and the visitor’s own from the answer', async () => {
    const room = fakeRoom({ history: [message(1), message(2, grace), message(3)] });
    room.releaseHistory();
    const { store } = storeWith(fakeClient(room));
    await store.signIn('Ada');
    const edited = { ...message(2, grace, 'fixed'), editedAt: 5 };
    room.emit('update', edited);
    const tombstone = { ...message(1), text: '', deleted: true as const };
    room.emit('delete', tombstone);
    expect(store.messages.value).toEqual([tombstone, edited, message(3)]);
    // The author's own edit comes back in the answer, not as an event.
    const own = { ...message(3, ada, 'mine, edited'), editedAt: 6 };
    store.change(own);
    expect(store.messages.value.map((m) => m.text)).toEqual(['', 'fixed', 'mine, edited']);
    expect(store.room()).toBe(room.room);
  });

  it('explains a join refused by a ban in words, with until when', async () => {
    const until = new Date(2031, 4, 6, 14, 5).getTime();
    const client = fakeClient(fakeRoom());
    client.join.mockRejectedValueOnce(new ChatError('banned', 'banned from this room', undefined, until));
    const { store, names } = storeWith(client, { names: memoryNames('Ada') });
    await store.signIn('Ada');
    expect(store.phase.value).toBe('signed-out');
    expect(store.nameError.value).toMatch(/^You are banned from this conversation until .*02:05 PM\.$/);
    // Banned is not a refused name: it stays remembered.
    expect(names.value).toBe('Ada');
  });

  it('loads the moderation chunk for a muted visitor, slow mode, or a moderation notice, and not otherwise', async () => {
    for (const [info, notice] of [
      [{ visibility: 'public', role: 'member', slowModeSeconds: 10 }, false],
      [{ visibility: 'public', role: 'member', muted: { until: 1 } }, false],
      [{ visibility: 'public', role: 'member' }, true],
      [{ visibility: 'public', role: 'member' }, false],
    ] as const) {
      vi.resetModules();
      const { createChatStore: create } = await import('./chat-store.js');
      const { moderation } = await import('../Moderation/load-moderation.js');
      const load = vi.spyOn(moderation, 'load');
      const room = fakeRoom({ info });
      room.releaseHistory();
      const client = fakeClient(room);
      const store = create({
        room: 'lobby',
        createClient: () => client as unknown as ChatClient,
        guestAuth: (name) => ({ name }) as unknown as AuthProvider,
        names: memoryNames(),
        strings: en,
      });
      await store.signIn('Ada');
      if (notice) room.emit('moderation', { kind: 'role', role: 'moderator' });
      const wanted = notice || 'muted' in info || 'slowModeSeconds' in info;
      expect(load.mock.calls.length > 0, JSON.stringify(info)).toBe(wanted);
      if (wanted) await vi.waitFor(() => expect(moderation.loaded.value?.ComposerNotice).toBeDefined());
    }
  });
});

// The chat store when a guest signs in with an account: the guest is linked and retired (its token and
// name forgotten, so a sign-out starts a new guest), and a room's identity event merges a guest into
// its account on screen. Clients and rooms are doubles; the real path runs in e2e/guest-account.test.ts.
import type {
  AuthProvider,
  ChatClient,
  ChatMessage,
  ChatUser,
  ConnectionState,
  Room,
  RoomEvents,
} from '@org/chat-sdk';
import { describe, expect, it, vi } from 'vitest';
import { createChatStore } from '../Chat/chat-store.js';
import { en } from '../Common/i18n/en.js';
import { OFFER_STRINGS_EN } from './account-offer.js';
import type { NameStorage } from './name-storage.js';

const ada: ChatUser = { id: 'guest_ada', name: 'Ada', guest: true };
const bob: ChatUser = { id: 'guest_bob', name: 'Bob', guest: true };
const lovelace: ChatUser = { id: 'user-ada', name: 'Ada Lovelace', guest: false };

function message(seq: number, sender: ChatUser, ts = seq): ChatMessage {
  return { id: `m${seq}`, seq, clientId: `c${seq}`, room: 'lobby', text: `t${seq}`, ts, sender };
}

/** A room double whose events the test emits. */
function fakeRoom(history: ChatMessage[], online: ChatUser[]) {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const room = {
    id: 'lobby',
    online,
    outbox: [],
    on: (event: string, listener: (payload: never) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    history: async () => ({ messages: history, hasMore: false }),
  };
  const emit = <K extends keyof RoomEvents>(event: K, payload: RoomEvents[K]) => {
    for (const listener of listeners.get(event) ?? []) (listener as (value: RoomEvents[K]) => void)(payload);
  };
  return { room, emit };
}

/** A client double that connects as `user` and joins `room`. */
function fakeClient(user: ChatUser, room: ReturnType<typeof fakeRoom>['room']) {
  const client = {
    state: 'idle' as ConnectionState,
    user: undefined as ChatUser | undefined,
    connect: vi.fn(async () => {
      client.user = user;
      client.state = 'open';
    }),
    join: vi.fn(async () => room as unknown as Room),
    on: vi.fn(() => () => {}),
    close: vi.fn(),
  };
  return client;
}

function memoryNames(): NameStorage & { value: string | undefined } {
  return {
    value: undefined,
    load() {
      return this.value;
    },
    save(value) {
      this.value = value;
    },
    clear() {
      this.value = undefined;
    },
  };
}

/** A store whose first client is the guest's and second the account's. */
function setUp(linkGuest: (guest: AuthProvider, account: AuthProvider) => Promise<void>) {
  const guestRoom = fakeRoom([message(1, ada)], [ada, bob]);
  const accountRoom = fakeRoom([message(1, lovelace)], [lovelace, bob]);
  const clients = [fakeClient(ada, guestRoom.room), fakeClient(lovelace, accountRoom.room)];
  const guestAuths: (AuthProvider & { signOut: ReturnType<typeof vi.fn> })[] = [];
  const names = memoryNames();
  const store = createChatStore({
    room: 'lobby',
    // As the window makes them on a site with accounts: the offer's texts under the dictionary's.
    strings: { ...OFFER_STRINGS_EN, ...en },
    names,
    guestAuth: () => {
      const auth = { getSession: vi.fn(), signOut: vi.fn() };
      guestAuths.push(auth);
      return auth as unknown as AuthProvider & { signOut: ReturnType<typeof vi.fn> };
    },
    createClient: vi.fn(() => clients.shift() as unknown as ChatClient),
    linkGuest: vi.fn(linkGuest),
  });
  return { store, names, guestAuths, guestRoom, linkGuest: vi.mocked(linkGuest) };
}

const account = { getSession: vi.fn() } as unknown as AuthProvider;

describe('a guest who signs in with an account', () => {
  it('is linked with both auths, then retired: token and name forgotten, the account connected', async () => {
    const link = vi.fn(async () => {});
    const { store, names, guestAuths } = setUp(link);
    await store.signIn('Ada');
    expect(names.value).toBe('Ada');

    await store.signInWith(account);
    expect(link).toHaveBeenCalledWith(guestAuths[0], account);
    expect(guestAuths[0]?.signOut).toHaveBeenCalled();
    expect(names.value).toBeUndefined();
    expect(store.name.value).toBe('');
    expect(store.kind.value).toBe('account');
    expect(store.user.value).toEqual(lovelace);
    expect(store.messages.value.map((m) => m.sender.name)).toEqual(['Ada Lovelace']);
    expect(store.chatError.value).toBe('');
  });

  it('still signs in when the link fails, says the guest messages stayed, and retires the guest all the same', async () => {
    const { store, names, guestAuths } = setUp(async () => {
      throw new Error('offline');
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await store.signIn('Ada');
    await store.signInWith(account);
    expect(store.kind.value).toBe('account');
    expect(store.chatError.value).toBe(OFFER_STRINGS_EN.historyNotMoved);
    expect(guestAuths[0]?.signOut).toHaveBeenCalled();
    expect(names.value).toBeUndefined();
    log.mockRestore();
  });

  it('links nothing when no guest was chatting', async () => {
    const link = vi.fn(async () => {});
    const { store } = setUp(link);
    // The guest's client double goes unused: the account is the first to connect.
    await store.signInWith(account).catch(() => undefined);
    expect(link).not.toHaveBeenCalled();
  });
});

describe('a room told that a guest became an account', () => {
  it('shows the guest’s earlier messages as the account’s and counts one person', async () => {
    const { store, guestRoom } = setUp(async () => {});
    await store.signIn('Ada');
    guestRoom.emit('message', message(2, ada, 2));
    guestRoom.emit('message', message(3, bob, 3));
    guestRoom.room.online = [lovelace, bob];
    guestRoom.emit('identity', { from: ada.id, to: lovelace, at: 2 });
    expect(store.messages.value.map((m) => m.sender.id)).toEqual([lovelace.id, lovelace.id, bob.id]);
    expect(store.online.value).toBe(2);
  });
});

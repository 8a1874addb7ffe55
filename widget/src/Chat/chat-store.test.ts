import { type ChatClient, ChatError, type ChatMessage, type ConnectionState, type Room } from '@org/chat-sdk';
import { describe, expect, it, vi } from 'vitest';
import type { NameStorage } from '../Auth/name-storage.js';
import { createChatStore } from './chat-store.js';
import { statusText } from './connection-status.js';

const ada = { id: 'guest_ada', name: 'Ada', guest: true };

function message(id: string, text = `text ${id}`): ChatMessage {
  return { id, clientId: `c${id}`, room: 'lobby', text, ts: 0, sender: ada };
}

/** A client double: `connect` and `join` succeed unless told otherwise; the test drives events. */
function fakeClient(options: { connectError?: Error; history?: ChatMessage[]; sendError?: Error } = {}) {
  const listeners = {
    state: new Set<(s: ConnectionState) => void>(),
    message: new Set<(m: ChatMessage) => void>(),
  };
  let releaseHistory: () => void = () => {};
  const historyGate = new Promise<void>((resolve) => {
    releaseHistory = resolve;
  });
  const room: Room = {
    id: 'lobby',
    on: (_event, listener) => {
      listeners.message.add(listener);
      return () => listeners.message.delete(listener);
    },
    send: async (text) => {
      if (options.sendError) throw options.sendError;
      return message('9', text);
    },
    history: async () => {
      await historyGate;
      return { messages: options.history ?? [], hasMore: false };
    },
  };
  const client = {
    state: 'idle' as ConnectionState,
    user: undefined as typeof ada | undefined,
    rooms: new Map<string, Room>(),
    connect: vi.fn(async () => {
      if (options.connectError) throw options.connectError;
      client.user = ada;
      client.setState('open');
    }),
    join: vi.fn(async () => room),
    on: vi.fn((event: string, listener: (payload: ConnectionState) => void) => {
      if (event !== 'state') return () => {};
      listeners.state.add(listener);
      return () => listeners.state.delete(listener);
    }),
    close: vi.fn(),
    setState(state: ConnectionState) {
      client.state = state;
      for (const listener of listeners.state) listener(state);
    },
    deliver(m: ChatMessage) {
      for (const listener of listeners.message) listener(m);
    },
    releaseHistory: () => releaseHistory(),
    listening: () => listeners.message.size > 0,
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

function storeWith(client: ReturnType<typeof fakeClient>, names = memoryNames()) {
  const createClient = vi.fn((_name: string) => client as unknown as ChatClient);
  return { store: createChatStore({ room: 'lobby', createClient, names }), createClient, names };
}

describe('chat store', () => {
  it('joins with the latest history and live messages, each once and in order, and remembers the name', async () => {
    const client = fakeClient({ history: [message('1'), message('2')] });
    const { store, createClient, names } = storeWith(client);
    const signingIn = store.signIn('  Ada ');
    expect(store.phase.value).toBe('signing-in');
    await vi.waitFor(() => expect(client.listening()).toBe(true));
    // Live messages that arrive while the history page loads: one also in the page, one newer.
    client.deliver(message('2'));
    client.deliver(message('3'));
    expect(store.messages.value.map((m) => m.id)).toEqual(['2', '3']);
    client.releaseHistory();
    await signingIn;
    expect(createClient).toHaveBeenCalledWith('Ada');
    expect(store.phase.value).toBe('ready');
    expect(store.user.value).toEqual(ada);
    expect(store.messages.value.map((m) => m.id)).toEqual(['1', '2', '3']);
    expect(names.value).toBe('Ada');
  });

  it('shows a refused name as a sentence and forgets the remembered one', async () => {
    const client = fakeClient({
      connectError: new ChatError('invalid', 'name must not contain control characters'),
    });
    const { store, names } = storeWith(client, memoryNames('Eve'));
    await store.signIn('Eve\u202E');
    expect(store.phase.value).toBe('signed-out');
    expect(store.nameError.value).toBe('Name must not contain control characters.');
    expect(names.value).toBeUndefined();
    expect(client.close).toHaveBeenCalled();
  });

  it('explains an unreachable service without blaming the name', async () => {
    const client = fakeClient({
      connectError: new ChatError('network', 'guest sign-in failed: fetch failed'),
    });
    const { store, names } = storeWith(client, memoryNames('Ada'));
    await store.signIn('Ada');
    expect(store.nameError.value).toBe('Could not reach the chat service. Please try again.');
    expect(names.value).toBe('Ada');
  });

  it('signs in with the remembered name once, on the first resume', async () => {
    const client = fakeClient();
    client.releaseHistory();
    const { store, createClient } = storeWith(client, memoryNames('Ada'));
    expect(store.name.value).toBe('Ada');
    store.resume();
    store.resume();
    await vi.waitFor(() => expect(store.phase.value).toBe('ready'));
    expect(createClient).toHaveBeenCalledTimes(1);
  });

  it('says Reconnecting… while the client reconnects', async () => {
    const client = fakeClient();
    client.releaseHistory();
    const { store } = storeWith(client);
    await store.signIn('Ada');
    client.setState('reconnecting');
    expect(statusText(store.phase.value, store.connection.value)).toBe('Reconnecting…');
    client.setState('open');
    expect(statusText(store.phase.value, store.connection.value)).toBe('');
  });

  it('reports a send that failed', async () => {
    const client = fakeClient({ sendError: new ChatError('timeout', 'no answer') });
    client.releaseHistory();
    const { store } = storeWith(client);
    await store.signIn('Ada');
    await expect(store.send('hello')).resolves.toBe(false);
    expect(store.chatError.value).toBe('Not sent: Could not reach the chat service. Please try again.');
  });

  it('closes the client on dispose', async () => {
    const client = fakeClient();
    client.releaseHistory();
    const { store } = storeWith(client);
    await store.signIn('Ada');
    store.dispose();
    expect(client.close).toHaveBeenCalled();
  });
});

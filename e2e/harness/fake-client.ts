// An in-memory ChatClient for browser harness pages: no backend, every message and state change is
// driven by the page (through `window.harness`), so the widget's rendering can be measured alone.
import type {
  ChatClient,
  ChatMessage,
  ChatUser,
  ConnectionState,
  OutgoingMessage,
  Room,
} from '@org/chat-sdk';

type Listeners = Map<string, Set<(payload: never) => void>>;

function emitter() {
  const listeners: Listeners = new Map();
  return {
    on(event: string, listener: (payload: never) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(event: string, payload: unknown) {
      for (const listener of listeners.get(event) ?? []) (listener as (value: unknown) => void)(payload);
    },
  };
}

/** Options of the fake: who the visitor is, and the room's stored messages (oldest first). */
export interface FakeOptions {
  me: ChatUser;
  stored: ChatMessage[];
  /** Sends fail instead of being stored (until a retry). */
  failSends?: boolean;
  /** How many messages the first history page holds (default: all, for a long log at once). */
  firstPage?: number;
}

/** A fake client and the handles a harness page drives it with. */
export function createFake(options: FakeOptions) {
  const clientEvents = emitter();
  const roomEvents = emitter();
  let outbox: OutgoingMessage[] = [];
  let next = options.stored.length;
  let sent = 0;
  const stored = options.stored;
  const deliver = (message: ChatMessage) => {
    stored.push(message);
    roomEvents.emit('message', message);
  };
  const room = {
    id: 'lobby',
    online: [options.me],
    get outbox() {
      return outbox;
    },
    on: roomEvents.on,
    async history({ before, limit = 50 }: { before?: string; limit?: number } = {}) {
      const end = before ? stored.findIndex((m) => m.id >= before) : stored.length;
      const start = Math.max(0, end - (before ? limit : (options.firstPage ?? stored.length)));
      return { messages: stored.slice(start, end), hasMore: start > 0 };
    },
    send(text: string) {
      const item: OutgoingMessage = {
        clientId: `out${sent++}`,
        text,
        status: 'sending',
        createdAt: Date.now(),
      };
      outbox = [...outbox, item];
      roomEvents.emit('outbox', outbox);
      return new Promise<ChatMessage>((resolve, reject) => {
        setTimeout(() => {
          if (options.failSends) {
            outbox = outbox.map((o) => (o === item ? { ...o, status: 'failed' } : o));
            roomEvents.emit('outbox', outbox);
            reject(new Error('failed'));
            return;
          }
          outbox = outbox.filter((o) => o !== item);
          roomEvents.emit('outbox', outbox);
          const message = fakeMessage(next++, options.me, text);
          deliver(message);
          resolve(message);
        }, 0);
      });
    },
    async retry(clientId: string) {
      options.failSends = false;
      const item = outbox.find((o) => o.clientId === clientId);
      outbox = outbox.filter((o) => o.clientId !== clientId);
      roomEvents.emit('outbox', outbox);
      const message = fakeMessage(next++, options.me, item?.text ?? '');
      deliver(message);
      return message;
    },
    discard(clientId: string) {
      outbox = outbox.filter((o) => o.clientId !== clientId);
      roomEvents.emit('outbox', outbox);
    },
    typing() {},
    async leave() {},
  };
  const client = {
    state: 'idle' as ConnectionState,
    user: undefined as ChatUser | undefined,
    rooms: new Map<string, Room>(),
    on: clientEvents.on,
    async connect() {
      client.user = options.me;
      client.setState('open');
    },
    async join() {
      return room as unknown as Room;
    },
    close() {
      client.setState('closed');
    },
    setState(state: ConnectionState) {
      client.state = state;
      clientEvents.emit('state', state);
    },
  };
  return {
    client: client as unknown as ChatClient,
    /** A message from someone else arrives. */
    receive(sender: ChatUser, text: string) {
      deliver(fakeMessage(next++, sender, text));
    },
    typing(user: ChatUser) {
      roomEvents.emit('typing', { user });
    },
    setState: client.setState,
  };
}

/** A stored message with a sortable id (`m000042`) and a timestamp a minute per message apart. */
export function fakeMessage(index: number, sender: ChatUser, text: string): ChatMessage {
  const id = `m${String(index).padStart(6, '0')}`;
  return {
    id,
    seq: index,
    clientId: `c${index}`,
    room: 'lobby',
    text,
    ts: Date.UTC(2026, 0, 1) + index * 60_000,
    sender,
  };
}

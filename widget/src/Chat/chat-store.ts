import {
  type ChatClient,
  ChatError,
  type ChatMessage,
  type ChatUser,
  type ConnectionState,
  type Room,
} from '@org/chat-sdk';
import { batch, type ReadonlySignal, signal } from '@preact/signals';
import type { NameStorage } from '../Auth/name-storage.js';
import { mergeMessages } from './merge-messages.js';

/** Where the guest stands: asked for a name, joining, or in the room. */
export type SessionPhase = 'signed-out' | 'signing-in' | 'ready';

/** What a chat store is made from. */
export interface ChatStoreOptions {
  /** The room to join. */
  room: string;
  /** Makes a client for a guest name (the real SDK in the widget, a fake in tests). */
  createClient: (name: string) => ChatClient;
  /** Where the guest's name is remembered between visits. */
  names: NameStorage;
  /** How many past messages to show on joining (default 50). */
  historyLimit?: number;
}

/** The chat window's state as signals, and the actions that change it. */
export interface ChatStore {
  readonly phase: ReadonlySignal<SessionPhase>;
  readonly connection: ReadonlySignal<ConnectionState>;
  /** The signed-in guest, once `phase` is `ready`. */
  readonly user: ReadonlySignal<ChatUser | undefined>;
  /** The room's messages, oldest first. */
  readonly messages: ReadonlySignal<readonly ChatMessage[]>;
  /** The name to prefill: the remembered one, or the last one tried. */
  readonly name: ReadonlySignal<string>;
  /** Why the last sign-in failed, for the name form. */
  readonly nameError: ReadonlySignal<string>;
  /** The last problem while chatting (a failed send, a server error), for the composer. */
  readonly chatError: ReadonlySignal<string>;
  /** Signs in with the remembered name, once, if there is one. */
  resume(): void;
  /** Signs in as a guest, joins the room and loads its latest messages. */
  signIn(name: string): Promise<void>;
  /** Sends a message; resolves false (and sets `chatError`) when it was not sent. */
  send(text: string): Promise<boolean>;
  /** Closes the connection for good. */
  dispose(): void;
}

// Keeps a long-open window's memory bounded; older messages stay available through history.
const MAX_MESSAGES = 500;

/** Creates the store of one chat window. */
export function createChatStore(options: ChatStoreOptions): ChatStore {
  const phase = signal<SessionPhase>('signed-out');
  const connection = signal<ConnectionState>('idle');
  const user = signal<ChatUser | undefined>(undefined);
  const messages = signal<readonly ChatMessage[]>([]);
  const name = signal(options.names.load() ?? '');
  const nameError = signal('');
  const chatError = signal('');
  let client: ChatClient | undefined;
  let room: Room | undefined;
  let unsubscribe: Array<() => void> = [];
  let resumed = false;
  let disposed = false;

  const show = (incoming: readonly ChatMessage[]) => {
    const merged = mergeMessages(messages.value, incoming);
    messages.value = merged.length > MAX_MESSAGES ? merged.slice(-MAX_MESSAGES) : merged;
  };

  const disconnect = () => {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    client?.close();
    client = undefined;
    room = undefined;
  };

  async function signIn(rawName: string): Promise<void> {
    if (disposed || phase.value !== 'signed-out') return;
    const guestName = rawName.trim();
    batch(() => {
      phase.value = 'signing-in';
      name.value = guestName;
      nameError.value = '';
      chatError.value = '';
    });
    const current = options.createClient(guestName);
    client = current;
    unsubscribe = [
      current.on('state', (state) => {
        connection.value = state;
      }),
      current.on('error', (error) => {
        chatError.value = sentence(error.message);
      }),
    ];
    connection.value = current.state;
    try {
      await current.connect();
      const joined = await current.join(options.room);
      // Listen before loading history, and merge both: a message sent meanwhile is in one or the other.
      unsubscribe.push(joined.on('message', (message) => show([message])));
      const page = await joined.history({ limit: options.historyLimit ?? 50 });
      if (client !== current) return; // disposed meanwhile
      room = joined;
      batch(() => {
        show(page.messages);
        user.value = current.user;
        phase.value = 'ready';
      });
      options.names.save(guestName);
    } catch (error) {
      if (client !== current) return;
      disconnect();
      const refused = error instanceof ChatError && error.code === 'invalid';
      // A remembered name the server now refuses must not be tried again on the next visit.
      if (refused) options.names.clear();
      batch(() => {
        phase.value = 'signed-out';
        connection.value = 'idle';
        messages.value = [];
        nameError.value = refused ? sentence(error.message) : describeFailure(error);
      });
    }
  }

  async function send(text: string): Promise<boolean> {
    const body = text.trim();
    if (!room || !body) return false;
    chatError.value = '';
    try {
      await room.send(body);
      return true;
    } catch (error) {
      chatError.value = `Not sent: ${describeFailure(error)}`;
      return false;
    }
  }

  return {
    phase,
    connection,
    user,
    messages,
    name,
    nameError,
    chatError,
    resume() {
      if (resumed) return;
      resumed = true;
      if (name.value) void signIn(name.value);
    },
    signIn,
    send,
    dispose() {
      disposed = true;
      disconnect();
    },
  };
}

/** The server's messages are lower-case fragments ("name must not be empty"): shown as a sentence. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function describeFailure(error: unknown): string {
  if (error instanceof ChatError) {
    if (error.code === 'network' || error.code === 'timeout') {
      return 'Could not reach the chat service. Please try again.';
    }
    return sentence(error.message);
  }
  return 'Something went wrong. Please try again.';
}

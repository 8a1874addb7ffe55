import {
  type AuthProvider,
  type ChatClient,
  type ChatError,
  type ChatMessage,
  type ChatUser,
  type ConnectionState,
  guestAuth,
  type OutgoingMessage,
  type Room,
  relabelMessage,
  type tokenAuth,
} from '@org/chat-sdk';
import { batch, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import type { NameStorage } from '../Auth/name-storage.js';
import { fill, type Strings } from '../Common/i18n/strings.js';
import { moderation } from '../Moderation/load-moderation.js';
import type { ChatIdentity } from '../types.js';
import { describeError, sentence } from './describe-error.js';
import { mergeMessages } from './merge-messages.js';
import { createTypingTracker } from './typing-tracker.js';

/** Where the visitor stands: asked who they are, joining, or in the room. */
export type SessionPhase = 'signed-out' | 'signing-in' | 'ready';

/** How the visitor signed in: a guest name, an account of the widget's sign-in, or the page's login. */
export type SessionKind = 'guest' | 'account' | 'page';

/** What a chat store is made from. */
export interface ChatStoreOptions {
  /** The room to join. */
  room: string;
  /** Makes a client that signs in with `auth` (the real SDK in the widget, a fake in tests). */
  createClient: (auth: AuthProvider) => ChatClient;
  /** The auth of a guest name (default: the SDK's guest auth, kept across reloads). */
  guestAuth?: (name: string) => AuthProvider;
  /** Where the guest's name is remembered between visits. */
  names: NameStorage;
  strings: Strings;
  /** Who the page said the visitor is, before the store started. */
  identity?: ChatIdentity | null;
  /** Restores a remembered account session (lazy: only called when one may exist). */
  restoreAccount?: () => Promise<AuthProvider | undefined>;
  /** Called with the account's auth when its session ends (signed out, or refused for good). */
  endAccount?: (auth: AuthProvider) => void;
  /**
   * Makes the guest of `guest` one person with the account of `account` (the SDK's linkGuest), when a
   * guest signs in with an account: what the guest wrote then shows the account's name to everyone.
   */
  linkGuest?: (guest: AuthProvider, account: AuthProvider) => Promise<void>;
  /** How many past messages to show on joining (default 50). */
  historyLimit?: number;
  /** Every new live message. */
  onMessage?: (message: ChatMessage) => void;
  /** The message being written (shared with the visitor's other tabs by the window; default: local). */
  draft?: Signal<string>;
  /** The name being typed in the guest name form (shared the same way). */
  nameDraft?: Signal<string>;
}

/** The chat window's state as signals, and the actions that change it. */
export interface ChatStore {
  readonly strings: Strings;
  readonly phase: ReadonlySignal<SessionPhase>;
  readonly kind: ReadonlySignal<SessionKind | undefined>;
  readonly connection: ReadonlySignal<ConnectionState>;
  /** The signed-in visitor, once `phase` is `ready`. */
  readonly user: ReadonlySignal<ChatUser | undefined>;
  /** The room's messages, oldest first. */
  readonly messages: ReadonlySignal<readonly ChatMessage[]>;
  /** Own messages on their way (sending) or refused (failed), oldest first. */
  readonly outbox: ReadonlySignal<readonly OutgoingMessage[]>;
  /** Others typing now. */
  readonly typing: ReadonlySignal<readonly ChatUser[]>;
  /** How many people are in the room. */
  readonly online: ReadonlySignal<number>;
  /** Whether older messages exist beyond the first shown. */
  readonly hasMore: ReadonlySignal<boolean>;
  readonly loadingOlder: ReadonlySignal<boolean>;
  /** The name to prefill: the remembered one, or the last one tried. */
  readonly name: ReadonlySignal<string>;
  /** The message being written; the composer edits it. */
  readonly draft: Signal<string>;
  /** The name being typed in the guest name form; the form edits it. */
  readonly nameDraft: Signal<string>;
  /** Why the last sign-in failed, for the sign-in forms. */
  readonly nameError: ReadonlySignal<string>;
  /** The last problem while chatting (a server error, a refused send), for the composer. */
  readonly chatError: ReadonlySignal<string>;
  /** The joined room: its `info` (role, muted, slow mode), and the moderation chunk's requests. */
  room(): Room | undefined;
  /** Shows a changed message (edited, or a deleted one's tombstone) in its place. */
  change(message: ChatMessage): void;
  /** Signs in the first time the window shows: as the page said, a remembered account, or name. */
  resume(): void;
  /** Signs in as a guest, joins the room and loads its latest messages. */
  signIn(name: string): Promise<void>;
  /**
   * Signs in with the auth of an account signed in through the widget's sign-in form. From a guest
   * session, the guest becomes the account first (linkGuest) and is retired here: its token and name
   * are forgotten, so a later sign-out starts a new guest.
   */
  signInWith(auth: AuthProvider): Promise<void>;
  /** Switches to the identity the page set; `null` signs out. */
  identify(identity: ChatIdentity | null): void;
  /** Disconnects and forgets the session, back to the sign-in prompt. */
  signOut(): void;
  /** Sends a message; false (with `chatError` set) when it could not even be queued. */
  send(text: string): Promise<boolean>;
  /** Sends a failed message again. */
  retry(clientId: string): void;
  /** Drops a failed message. */
  discard(clientId: string): void;
  /** Tells the room the visitor is typing (the SDK throttles). */
  typed(): void;
  /** Loads the page of messages before the oldest shown. */
  loadOlder(): Promise<void>;
  /** Closes the connection for good. */
  dispose(): void;
}

// Keeps a long-open window's memory bounded; older messages stay available through history.
const MAX_MESSAGES = 2000;
const OLDER_PAGE = 50;

type Session =
  | { kind: 'guest'; name: string; auth?: AuthProvider }
  | { kind: 'account' | 'page'; auth: AuthProvider };

/** The SDK's `tokenAuth`, loaded with the first session it gives: a guest never needs its JWT reading. */
function lazyTokenAuth(getToken: Parameters<typeof tokenAuth>[0]): AuthProvider {
  return {
    async getSession(request) {
      const pageAuth = await import('./page-auth.js');
      return pageAuth.tokenAuth(getToken).getSession(request);
    },
  };
}

function sessionOf(identity: ChatIdentity): Session {
  if ('name' in identity) return { kind: 'guest', name: identity.name.trim() };
  if ('getToken' in identity) return { kind: 'page', auth: lazyTokenAuth(identity.getToken) };
  return { kind: 'page', auth: identity.auth };
}

/** Creates the store of one chat window. */
export function createChatStore(options: ChatStoreOptions): ChatStore {
  const { strings } = options;
  const makeGuestAuth = options.guestAuth ?? ((name: string) => guestAuth({ name, persist: true }));
  const phase = signal<SessionPhase>('signed-out');
  const kind = signal<SessionKind | undefined>(undefined);
  const connection = signal<ConnectionState>('idle');
  const user = signal<ChatUser | undefined>(undefined);
  const messages = signal<readonly ChatMessage[]>([]);
  const outbox = signal<readonly OutgoingMessage[]>([]);
  const online = signal(0);
  const hasMore = signal(false);
  const loadingOlder = signal(false);
  const name = signal(options.names.load() ?? '');
  const draft = options.draft ?? signal('');
  const nameDraft = options.nameDraft ?? signal('');
  if (!nameDraft.value) nameDraft.value = name.value;
  const nameError = signal('');
  const chatError = signal('');
  const typing = createTypingTracker();
  let identity = options.identity;
  let client: ChatClient | undefined;
  let room: Room | undefined;
  let session: Session | undefined;
  let unsubscribe: Array<() => void> = [];
  let resumed = false;
  let disposed = false;

  const show = (incoming: readonly ChatMessage[]) => {
    messages.value = mergeMessages(messages.value, incoming);
  };

  const receive = (message: ChatMessage) => {
    const current = messages.value;
    const merged = mergeMessages(current, [message]);
    if (merged === current) return;
    batch(() => {
      // Trim only on a live append: the reader is at the bottom, and the trimmed ones stay in history.
      if (merged.length > MAX_MESSAGES) {
        messages.value = merged.slice(-MAX_MESSAGES);
        hasMore.value = true;
      } else messages.value = merged;
      typing.remove(message.sender.id);
    });
    options.onMessage?.(message);
  };

  const change = (message: ChatMessage) => {
    messages.value = messages.value.map((shown) => (shown.id === message.id ? message : shown));
  };

  const disconnect = () => {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    client?.close();
    client = undefined;
    room = undefined;
    typing.clear();
  };

  const reset = (error: string) => {
    batch(() => {
      phase.value = 'signed-out';
      kind.value = undefined;
      connection.value = 'idle';
      user.value = undefined;
      messages.value = [];
      outbox.value = [];
      online.value = 0;
      hasMore.value = false;
      nameError.value = error;
    });
  };

  /** The connection gave up for good (its auth was refused): back to the prompt, with a reason. */
  const failed = (ended: Session) => {
    disconnect();
    session = undefined;
    if (ended.kind === 'account') options.endAccount?.(ended.auth);
    reset(strings.sessionEnded);
  };

  async function start(next: Session): Promise<void> {
    if (disposed) return;
    disconnect();
    session = next;
    // A session begun (the name form sent before the window's first resume ran): resume keeps it.
    resumed = true;
    batch(() => {
      reset('');
      phase.value = 'signing-in';
      chatError.value = '';
      if (next.kind === 'guest') {
        name.value = next.name;
        nameDraft.value = next.name;
      }
    });
    if (next.kind === 'guest') next.auth = makeGuestAuth(next.name);
    const current = options.createClient(next.auth as AuthProvider);
    client = current;
    unsubscribe = [
      current.on('state', (state) => {
        connection.value = state;
        if (state === 'failed' && client === current && phase.value === 'ready') failed(next);
      }),
      current.on('error', (error) => {
        chatError.value = sentence(error.message);
      }),
    ];
    connection.value = current.state;
    try {
      await current.connect();
      const joined = await current.join(options.room);
      if (client !== current) return; // replaced or disposed meanwhile
      // Listen before loading history, and merge both: a message sent meanwhile is in one or the other.
      unsubscribe.push(
        joined.on('message', receive),
        joined.on('outbox', (items) => {
          outbox.value = items;
        }),
        // The server ended this visitor's place in the room: nothing more will come; say why.
        joined.on('removed', async ({ reason }) => {
          // Said in words the moderation chunk has (banned, removed from the members, made private).
          const words = await moderation.load();
          if (client !== current) return;
          disconnect();
          session = undefined;
          reset(words?.removal(reason, strings) ?? strings.genericError);
        }),
        joined.on('update', change),
        joined.on('delete', change),
        // About the visitor or the room (muted, slow mode…): the composer says it, with the chunk's words.
        joined.on('moderation', () => moderation.load()),
        joined.on('typing', ({ user: who }) => {
          if (who.id !== current.user?.id) typing.add(who);
        }),
        joined.on('presence', ({ user: who, status }) => {
          online.value = joined.online.length;
          if (status === 'offline') typing.remove(who.id);
        }),
        // A guest here became an account: one person, whose earlier messages show the account.
        joined.on('identity', (link) => {
          batch(() => {
            messages.value = messages.value.map((message) => relabelMessage(message, link));
            online.value = joined.online.length;
            typing.remove(link.from);
          });
        }),
      );
      const page = await joined.history({ limit: options.historyLimit ?? 50 });
      if (client !== current) return;
      room = joined;
      batch(() => {
        show(page.messages);
        hasMore.value = page.hasMore;
        outbox.value = joined.outbox;
        online.value = joined.online.length;
        user.value = current.user;
        kind.value = next.kind;
        phase.value = 'ready';
      });
      if (next.kind === 'guest') options.names.save(next.name);
      if (joined.info?.muted || joined.info?.slowModeSeconds) void moderation.load();
    } catch (error) {
      const code = (error as ChatError).code;
      const refused = code === 'invalid' || code === 'unauthorized';
      // Another refusal (banned…) is said in words the moderation chunk has.
      if (!refused) await moderation.load();
      if (client !== current) return;
      disconnect();
      session = undefined;
      // A remembered name the server now refuses must not be tried again on the next visit.
      if (refused && next.kind === 'guest') options.names.clear();
      if (refused && next.kind === 'account') options.endAccount?.(next.auth);
      // A refused token means nothing to a visitor: they are told their session ended.
      reset(code === 'unauthorized' ? strings.sessionEnded : describeError(error, strings));
    }
  }

  async function resume(): Promise<void> {
    if (resumed) return;
    resumed = true;
    if (identity) return start(sessionOf(identity));
    if (identity === null) return; // the page signed the visitor out
    const account = await options.restoreAccount?.().catch(() => undefined);
    if (account) return start({ kind: 'account', auth: account });
    if (name.value) return start({ kind: 'guest', name: name.value });
  }

  /** Links the current guest to `account` (best effort), then forgets the guest here for good. */
  async function retireGuest(guest: AuthProvider, account: AuthProvider): Promise<boolean> {
    let linked = true;
    try {
      await options.linkGuest?.(guest, account);
    } catch (error) {
      linked = false;
      console.error('[chat-widget] could not link the guest to the account', error);
    }
    // Even unlinked: the next visitor of this browser after a sign-out must not continue as this guest.
    (guest as { signOut?: () => void }).signOut?.();
    options.names.clear();
    name.value = '';
    // The name form's draft too, shared by the visitor's tabs: it would bring the guest's name back.
    nameDraft.value = '';
    return linked;
  }

  async function signInWith(auth: AuthProvider): Promise<void> {
    const previous = session;
    const linked =
      previous?.kind === 'guest' && previous.auth ? await retireGuest(previous.auth, auth) : true;
    await start({ kind: 'account', auth });
    if (!linked && phase.value === 'ready') chatError.value = strings.historyNotMoved ?? strings.genericError;
  }

  function signOut(): void {
    const ended = session;
    disconnect();
    session = undefined;
    if (ended?.kind === 'account') options.endAccount?.(ended.auth);
    if (ended?.kind === 'guest') options.names.clear();
    reset('');
  }

  return {
    strings,
    phase,
    kind,
    connection,
    user,
    messages,
    outbox,
    typing: typing.users,
    online,
    hasMore,
    loadingOlder,
    name,
    draft,
    nameDraft,
    nameError,
    chatError,
    room: () => room,
    change,
    resume() {
      void resume();
    },
    signIn: (guestName) => start({ kind: 'guest', name: guestName.trim() }),
    signInWith,
    identify(next) {
      identity = next;
      if (!resumed || disposed) return; // resume() will use it
      if (next === null) return signOut();
      const wanted = sessionOf(next);
      // The same guest name again (a page calling identify on every render) keeps the connection.
      if (wanted.kind === 'guest' && session?.kind === 'guest' && session.name === wanted.name) return;
      void start(wanted);
    },
    signOut,
    async send(text) {
      const body = text.trim();
      const target = room;
      if (!target || !body) return false;
      chatError.value = '';
      const queued = target.outbox.length;
      const sending = target.send(body);
      // Once in the outbox, its bubble shows how it fares (sending, failed with Retry).
      if (target.outbox.length > queued) {
        sending.catch(() => {});
        return true;
      }
      try {
        await sending;
        return true;
      } catch (error) {
        await moderation.load();
        chatError.value = fill(strings.notSent, { reason: describeError(error, strings) });
        return false;
      }
    },
    retry(clientId) {
      room?.retry(clientId).catch(() => {});
    },
    discard(clientId) {
      room?.discard(clientId);
    },
    typed() {
      room?.typing();
    },
    async loadOlder() {
      const target = room;
      const oldest = messages.value[0];
      if (!target || loadingOlder.value || !hasMore.value) return;
      loadingOlder.value = true;
      try {
        const page = await target.history({ before: oldest?.seq, limit: OLDER_PAGE });
        if (room !== target) return;
        batch(() => {
          show(page.messages);
          hasMore.value = page.hasMore;
        });
      } catch (error) {
        chatError.value = describeError(error, strings);
      } finally {
        loadingOlder.value = false;
      }
    },
    dispose() {
      disposed = true;
      disconnect();
    },
  };
}

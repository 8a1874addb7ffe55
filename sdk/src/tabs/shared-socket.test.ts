import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import type { AuthProvider } from '../auth/provider.js';
import { type ChatClient, createChatClient } from '../client.js';
import type { WebSocketConstructor } from '../connection/connection.js';
import type { ChatMessage } from '../protocol/types.js';
import type { Room } from '../room.js';
import { FakeTabsBrowser } from '../testing/fake-tabs-browser.js';
import { startFaultServer } from '../testing/fault-server.js';
import { sharedChatClient } from './shared-client.js';
import { sharedWebSocket } from './shared-socket.js';

// Tabs of one browser (the fake: its channels and Web Locks, with crashed and frozen tabs) whose SDK
// clients share one WebSocket, against a small chat server on loopback that counts its sockets.
type Server = Awaited<ReturnType<typeof startFaultServer>>;
let server: Server;
let browser: FakeTabsBrowser;
const clients: ChatClient[] = [];

const TIMING = { pingMs: 40, deadAfterMs: 150, electionMs: 30, memberTimeoutMs: 400 };
const RELAY = { leaveGraceMs: 100 };
const Native = NodeWebSocket as unknown as WebSocketConstructor;

/** A token shaped like the service's (a JWT) naming `sub`: tabs group by it. */
const tokenOf = (sub: string) =>
  `e30.${Buffer.from(JSON.stringify({ sub, iss: 'org-chat', name: sub })).toString('base64url')}.sig`;

function authOf(sub: string): AuthProvider {
  return {
    getSession: async () => ({
      token: tokenOf(sub),
      user: { id: sub, name: sub, guest: true },
      expiresAt: Date.now() + 3_600_000,
    }),
  };
}

const clientOptions = (sub: string) => ({
  wsUrl: server.url,
  httpUrl: 'http://127.0.0.1:1',
  auth: authOf(sub),
  WebSocket: Native,
  timing: { backoff: { baseMs: 20, capMs: 100 } },
  requestTimeoutMs: 3000,
});

/** The chat client of a new tab `label` of the fake browser. */
function tab(label: string, { sub = 'ada', locks = true } = {}): ChatClient {
  const client = sharedChatClient({
    ...clientOptions(sub),
    tabs: { environment: browser.tab(label, { locks }), timing: TIMING, relay: RELAY },
  });
  clients.push(client);
  return client;
}

/** Someone else, on a plain connection of their own. */
function outsider(): ChatClient {
  const client = createChatClient(clientOptions('bob'));
  clients.push(client);
  return client;
}

/** Every message a room emits, in order. */
function recorder(room: Room): string[] {
  const seen: string[] = [];
  room.on('message', (message: ChatMessage) => seen.push(message.text));
  return seen;
}

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${check}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

beforeEach(async () => {
  server = await startFaultServer();
  browser = new FakeTabsBrowser();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server.close();
});

describe('a WebSocket shared by the tabs of one identity', () => {
  it('is one connection at the server for three tabs, each with its own rooms and outbox', async () => {
    const [a, b, c] = [tab('a'), tab('b'), tab('c')];
    const rooms = await Promise.all([a, b, c].map((client) => client.join('lobby')));
    const seen = rooms.map(recorder);
    expect(server.open()).toBe(1);
    expect(server.subscribers('lobby')).toBe(1);

    const bob = await outsider().join('lobby');
    await bob.send('from outside');
    // A follower's send: acked to it, and to the other tabs as the message they would have got.
    await (rooms[2] as Room).send('from tab c');
    for (const texts of seen) await until(() => texts.length === 2);
    expect(seen).toEqual(Array.from({ length: 3 }, () => ['from outside', 'from tab c']));
    expect(server.messages.map((message) => message.text)).toEqual(['from outside', 'from tab c']);
    expect(server.open()).toBe(2); // the tabs' one, and the outsider's
  });

  it('keeps the connection in a room while any tab is in it', async () => {
    const [a, b] = [tab('a'), tab('b')];
    const [roomA, roomB] = await Promise.all([a.join('lobby'), b.join('lobby')]);
    const seenA = recorder(roomA);
    await roomB.leave();
    expect(server.subscribers('lobby')).toBe(1);
    const bob = await outsider().join('lobby');
    await bob.send('still here');
    await until(() => seenA.length === 1);
    await roomA.leave();
    await until(() => server.subscribers('lobby') === 1); // only the outsider
  });

  it('leaves a room of a closed tab, unless a tab joins it again within the grace period', async () => {
    const [a, b] = [tab('a'), tab('b')];
    await a.join('lobby');
    await b.join('side');
    expect(server.subscribers('side')).toBe(1);
    b.close();
    await until(() => server.subscribers('side') === 0);
    expect(server.subscribers('lobby')).toBe(1);
    expect(server.open()).toBe(1);
  });

  it('moves to another tab when the leader closes mid-conversation, losing and repeating nothing', async () => {
    const tabs = [tab('a'), tab('b'), tab('c')];
    const rooms = await Promise.all(tabs.map((client) => client.join('lobby')));
    const [, ...rest] = rooms.map(recorder);
    const bob = await outsider().join('lobby');
    await bob.send('one');
    (tabs[0] as ChatClient).close(); // the first tab led: the others take over
    const sending = (rooms[1] as Room).send('two, from a follower during the takeover');
    await bob.send('three');
    await sending;
    await bob.send('four');
    expect(server.messages).toHaveLength(4);
    // In the room's one order (the server's), whichever of the two racing sends it stored first.
    const all = server.messages.map((message) => message.text);
    for (const texts of rest) await until(() => texts.length >= all.length);
    for (const texts of rest) expect(texts).toEqual(all);
    await until(() => server.open() === 2);
  });

  it('recovers from a crashed leader, the channel election too (no Web Locks)', async () => {
    for (const locks of [true, false]) {
      browser = new FakeTabsBrowser();
      const labels = ['a', 'b', 'c'].map((label) => `${label}-${locks}`);
      const tabs = labels.map((label) => tab(label, { locks, sub: `ada-${locks}` }));
      const rooms = await Promise.all(tabs.map((client) => client.join(`room-${locks}`)));
      const seen = rooms.map(recorder);
      const bob = await outsider().join(`room-${locks}`);
      await bob.send('before');
      for (const texts of seen) await until(() => texts.length === 1);
      // The tab's process dies: its channel and locks go, and so does its socket.
      browser.crash(labels[0] as string);
      (tabs[0] as ChatClient).close();
      await bob.send('after');
      for (const texts of seen.slice(1)) await until(() => texts.length === 2);
      expect(seen.slice(1)).toEqual([
        ['before', 'after'],
        ['before', 'after'],
      ]);
    }
  });

  it('replaces a frozen leader; woken, it follows and closes its connection', async () => {
    const tabs = [tab('a'), tab('b'), tab('c')];
    const rooms = await Promise.all(tabs.map((client) => client.join('lobby')));
    const seen = rooms.map(recorder);
    const bob = await outsider().join('lobby');
    browser.freeze('a');
    await bob.send('while frozen');
    const reply = (rooms[1] as Room).send('a reply while frozen');
    for (const texts of seen.slice(1)) await until(() => texts.length === 2);
    await reply;
    // The frozen tab keeps its connection until it runs again: the new leader opened another.
    expect(server.open()).toBe(3);
    browser.thaw('a');
    await until(() => server.open() === 2);
    await bob.send('after waking');
    for (const texts of seen) await until(() => texts.length === 3);
    for (const texts of seen) expect(texts).toEqual(['while frozen', 'a reply while frozen', 'after waking']);
    expect(server.messages).toHaveLength(3);
  });

  it('never shares between tabs signed in as different identities', async () => {
    await Promise.all([tab('a', { sub: 'ada' }).connect(), tab('b', { sub: 'eve' }).connect()]);
    expect(server.open()).toBe(2);
  });

  it('takes in a connection opened before sharing, without reconnecting it', async () => {
    // As the widget does: a page connects alone, and shares once it finds another tab.
    const Shared = sharedWebSocket({
      WebSocket: Native,
      environment: browser.tab('a'),
      timing: TIMING,
      relay: RELAY,
    });
    let shared = false;
    let opened: [WebSocket, string, string[]] | undefined;
    function TabSocket(url: string, protocols: string[]) {
      if (shared) return new Shared(url, protocols);
      const socket = new Native(url, protocols);
      opened = [socket, url, protocols];
      return socket;
    }
    const first = createChatClient({
      ...clientOptions('ada'),
      WebSocket: TabSocket as unknown as WebSocketConstructor,
    });
    clients.push(first);
    const states: string[] = [];
    first.on('state', (state) => states.push(state));
    const roomA = await first.join('lobby');
    const seenA = recorder(roomA);
    shared = true;
    Shared.adopt(...(opened as [WebSocket, string, string[]]));
    const roomB = await tab('b').join('lobby');
    expect(server.open()).toBe(1);
    const seenB = recorder(roomB);
    // The second tab leaving does not take the first out of a room the relay never saw it join.
    await roomB.leave();
    const bob = await outsider().join('lobby');
    await bob.send('to the first tab');
    await roomA.send('from the first tab');
    await until(() => seenA.length === 2);
    expect(seenA).toEqual(['to the first tab', 'from the first tab']);
    expect(seenB).toEqual([]);
    expect(states).toEqual(['connecting', 'open']);
    expect(server.connections()).toBe(2); // never reconnected: the tabs' one, and the outsider's
  });

  it('is a plain client when the page opts out', async () => {
    const options = { ...clientOptions('ada'), shareConnection: false };
    const plain = [sharedChatClient(options), sharedChatClient(options)];
    clients.push(...plain);
    await Promise.all(plain.map((client) => client.connect()));
    expect(server.open()).toBe(2);
  });
});

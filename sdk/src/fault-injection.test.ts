import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import type { AuthProvider } from './auth/provider.js';
import { type ChatClient, createChatClient } from './client.js';
import type { WebSocketConstructor } from './connection/connection.js';
import type { ChatMessage } from './protocol/types.js';
import { startFaultServer } from './testing/fault-server.js';

type Server = Awaited<ReturnType<typeof startFaultServer>>;
let server: Server;
const clients: ChatClient[] = [];

const auth: AuthProvider = {
  getSession: async () => ({
    token: 'good',
    user: { id: 'u', name: 'U', guest: true },
    expiresAt: Date.now() + 3_600_000,
  }),
};

function client(): ChatClient {
  const made = createChatClient({
    wsUrl: server.url,
    httpUrl: 'http://127.0.0.1:1',
    auth,
    WebSocket: NodeWebSocket as unknown as WebSocketConstructor,
    timing: { backoff: { baseMs: 20, capMs: 100 } },
    requestTimeoutMs: 2000,
  });
  clients.push(made);
  return made;
}

beforeEach(async () => {
  server = await startFaultServer();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

describe('the SDK on a misbehaving network', () => {
  it('loses nothing and duplicates nothing when sockets die between store and ack', async () => {
    const [alice, bob] = [client(), client()];
    await Promise.all([alice.connect(), bob.connect()]);
    const aliceRoom = await alice.join('lobby');
    const bobRoom = await bob.join('lobby');
    const bobSaw: ChatMessage[] = [];
    bobRoom.on('message', (m) => bobSaw.push(m));
    const aliceSaw: string[] = [];
    aliceRoom.on('message', (m) => aliceSaw.push(m.text));

    const sent: ChatMessage[] = [];
    for (let i = 0; i < 20; i++) {
      if (i === 4 || i === 11) server.faults.dropAfterStore = 1; // stored, then the socket dies: no ack
      sent.push(await aliceRoom.send(`m${i}`));
    }
    expect(server.messages.map((m) => m.text)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    expect(new Set(sent.map((m) => m.id)).size).toBe(20);
    await expect.poll(() => bobSaw.length).toBe(20);
    expect(bobSaw.map((m) => m.text)).toEqual(sent.map((m) => m.text));
    expect(aliceSaw).toEqual(sent.map((m) => m.text));
    expect(aliceRoom.outbox).toEqual([]);
    expect(server.connections()).toBeGreaterThanOrEqual(4);
  });

  it('emits each message once when frames arrive twice and late', async () => {
    server.faults.duplicateAfterMs = 30;
    server.faults.delayAcksMs = 10;
    const [alice, bob] = [client(), client()];
    await Promise.all([alice.connect(), bob.connect()]);
    const aliceRoom = await alice.join('lobby');
    const bobRoom = await bob.join('lobby');
    const bobSaw: string[] = [];
    bobRoom.on('message', (m) => bobSaw.push(m.id));
    const sends = await Promise.all(Array.from({ length: 10 }, (_, i) => aliceRoom.send(`x${i}`)));
    await expect.poll(() => server.duplicatesSent()).toBe(10);
    // Answered on the same socket after every copy, so Bob's client has handled them all by then.
    await bobRoom.history({ limit: 1 });
    expect(bobSaw).toHaveLength(10);
    expect(new Set(bobSaw).size).toBe(10);
    expect(new Set(sends.map((m) => m.id)).size).toBe(10);
  });

  it('queues sends while the network is down and delivers them once after it returns', async () => {
    const [alice, bob] = [client(), client()];
    await Promise.all([alice.connect(), bob.connect()]);
    const aliceRoom = await alice.join('lobby');
    const bobRoom = await bob.join('lobby');
    const bobSaw: string[] = [];
    bobRoom.on('message', (m) => bobSaw.push(m.text));
    server.faults.unavailable = true;
    server.dropAll();
    await expect.poll(() => alice.state).toBe('reconnecting');
    const pending = [aliceRoom.send('while down 1'), aliceRoom.send('while down 2')];
    expect(aliceRoom.outbox.map((o) => o.status)).toEqual(['sending', 'sending']);
    await new Promise((resolve) => setTimeout(resolve, 300)); // several refused attempts
    expect(alice.state).toBe('reconnecting');
    server.faults.unavailable = false;
    const stored = await Promise.all(pending);
    expect(stored.map((m) => m.text)).toEqual(['while down 1', 'while down 2']);
    await expect.poll(() => bobSaw).toEqual(['while down 1', 'while down 2']);
    expect(server.messages).toHaveLength(2);
  });

  it('ends in failed, and rejects pending requests, when the server keeps refusing the token', async () => {
    server.faults.refuseTokens = true;
    const refused = client();
    const states: string[] = [];
    refused.on('state', (s) => states.push(s));
    await expect(refused.connect()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(refused.state).toBe('failed');
    expect(states).toEqual(['connecting', 'reconnecting', 'failed']);
  });

  it('survives abandoning a handshake that hangs, in Node (no unhandled ws error)', async () => {
    // A TCP server that accepts and never answers the upgrade.
    const { createServer } = await import('node:net');
    const accepted: import('node:net').Socket[] = [];
    const silent = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const hung = createChatClient({
      wsUrl: `ws://127.0.0.1:${port}`,
      httpUrl: 'http://127.0.0.1:1',
      auth,
      WebSocket: NodeWebSocket as unknown as WebSocketConstructor,
      timing: { connectTimeoutMs: 100, backoff: { baseMs: 10, capMs: 20 } },
      connectTimeoutMs: 400,
    });
    const states: string[] = [];
    hung.on('statechange', (change) => states.push(change.reason));
    await expect(hung.connect()).rejects.toMatchObject({ code: 'timeout' });
    expect(states).toContain('connect timeout');
    expect(hung.state).toBe('closed');
    expect(accepted.length).toBeGreaterThanOrEqual(2); // it did retry after the first timeout
    for (const socket of accepted) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});

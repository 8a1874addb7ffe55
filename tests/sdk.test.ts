import { type ChatClient, ChatError, type ChatMessage, createChatClient, guestAuth } from '@org/chat-sdk';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { connectionsOf, freshRoom } from './helpers.js';

const urls = inject('stack');
const clients: ChatClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function newClient(name: string): ChatClient {
  const client = createChatClient({ wsUrl: urls.ws, httpUrl: urls.http, auth: guestAuth({ name }) });
  clients.push(client);
  return client;
}

/** Drops a client's socket from the server side, through the emulator's @connections DELETE. */
async function dropConnectionsOf(userId: string): Promise<number> {
  const ids = await connectionsOf(urls.dynamodb, userId);
  for (const id of ids) await fetch(`${urls.connections}/@connections/${id}`, { method: 'DELETE' });
  return ids.length;
}

/** Ada and Bob, connected, both joined to a fresh room. */
async function adaAndBobInARoom() {
  const room = freshRoom();
  const ada = newClient('Ada');
  const bob = newClient('Bob');
  await Promise.all([ada.connect(), bob.connect()]);
  return { room, ada, bob, adaRoom: await ada.join(room), bobRoom: await bob.join(room) };
}

describe('@org/chat-sdk against the local stack', () => {
  it('connects as a guest, reports its state changes and user', async () => {
    const client = newClient('Ada');
    const states: string[] = [];
    client.on('state', (state) => states.push(state));
    expect(client.state).toBe('idle');
    await client.connect();
    expect(client.state).toBe('open');
    expect(states).toEqual(['connecting', 'open']);
    expect(client.user).toEqual({ id: expect.stringMatching(/^guest_/), name: 'Ada', guest: true });
    client.close();
    expect(client.state).toBe('closed');
  });

  it("rejects connect with the server's code when the guest name is refused", async () => {
    const client = newClient('');
    const error = await client.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('invalid');
    expect(client.state).toBe('failed');
  });

  it('sends between two clients, each message once, and pages history oldest first', async () => {
    const { room, adaRoom, bobRoom } = await adaAndBobInARoom();
    const adaSaw: ChatMessage[] = [];
    const bobSaw: ChatMessage[] = [];
    adaRoom.on('message', (m) => adaSaw.push(m));
    bobRoom.on('message', (m) => bobSaw.push(m));

    const hi = await adaRoom.send('hi Bob');
    expect(hi).toMatchObject({ room, text: 'hi Bob', sender: { name: 'Ada', guest: true } });
    await expect.poll(() => bobSaw.map((m) => m.seq)).toEqual([hi.seq]);
    const reply = await bobRoom.send('hi Ada');
    await expect.poll(() => adaSaw.map((m) => m.text)).toEqual(['hi Bob', 'hi Ada']);
    expect(bobSaw.map((m) => m.text)).toEqual(['hi Bob', 'hi Ada']);

    const page = await adaRoom.history({ limit: 1 });
    expect(page).toEqual({ messages: [reply], hasMore: true });
    const older = await adaRoom.history({ limit: 10, before: reply.seq });
    expect(older).toEqual({ messages: [hi], hasMore: false });
  });

  it('turns a server error into a rejected promise with the protocol code', async () => {
    const client = newClient('Ada');
    await client.connect();
    const room = await client.join(freshRoom());
    const error = await room.send('x'.repeat(4001)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('too_large');
  });

  it('resumes from the join point when it has seen no message yet, so an early drop loses nothing', async () => {
    const room = freshRoom();
    const bob = newClient('Bob');
    await bob.connect();
    const bobRoom = await bob.join(room);
    await bobRoom.send('old news');
    const ada = newClient('Ada');
    await ada.connect();
    const adaRoom = await ada.join(room);
    const seen: string[] = [];
    adaRoom.on('message', (m) => seen.push(m.text));
    // Recorded from events, not polled: a quick reconnect can pass between two polls.
    const states: string[] = [];
    ada.on('state', (state) => states.push(state));
    expect(await dropConnectionsOf(ada.user?.id as string)).toBe(1);
    await expect.poll(() => states).toContain('reconnecting');
    await bobRoom.send('while away');
    await expect.poll(() => seen, { timeout: 15_000 }).toEqual(['while away']);
  });

  it('reconnects by itself after the server drops it and delivers what it missed, once each', async () => {
    const { ada, adaRoom, bobRoom } = await adaAndBobInARoom();
    const seen: string[] = [];
    adaRoom.on('message', (m) => seen.push(m.text));
    const states: string[] = [];
    ada.on('state', (state) => states.push(state));

    await bobRoom.send('before');
    await expect.poll(() => seen).toEqual(['before']);

    expect(await dropConnectionsOf(ada.user?.id as string)).toBe(1);
    await expect.poll(() => states).toContain('reconnecting');
    // Sent while Ada is away (or just back): either way she gets each once, in order.
    await bobRoom.send('during 1');
    await bobRoom.send('during 2');
    await expect.poll(() => ada.state, { timeout: 15_000 }).toBe('open');
    await expect.poll(() => seen).toEqual(['before', 'during 1', 'during 2']);

    await bobRoom.send('after');
    await expect.poll(() => seen).toEqual(['before', 'during 1', 'during 2', 'after']);
    expect(states).toEqual(['reconnecting', 'open']);
    // A send from the reconnected client still works.
    await expect(adaRoom.send('back')).resolves.toMatchObject({ text: 'back' });
  });
});

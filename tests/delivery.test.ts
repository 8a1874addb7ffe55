import { rmSync } from 'node:fs';
import { type ChatClient, type ChatMessage, createChatClient, guestAuth, type Room } from '@org/chat-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { startStack } from '../scripts/local-stack.mjs';
import { calls, FaultProxy, type ProxiedCall } from './fault-proxy.js';
import { connectionsOf, FrameClient, freshRoom } from './helpers.js';
import { testStackConfig } from './local-stack-config.js';
import { type StackUrls, TEST_LIMITS } from './stack-setup.js';

// A stack of its own whose handlers reach dynalite and @connections through fault proxies, so each
// race of the send path can be made to happen on purpose instead of hoped for.
const config = testStackConfig(400, TEST_LIMITS);
let stack: { urls: StackUrls; stop(): Promise<void> };
let posts: FaultProxy;
let dynamo: FaultProxy;
let queue: FaultProxy;

beforeAll(async () => {
  posts = await FaultProxy.start(`http://127.0.0.1:${config.offlineWsPort}`);
  dynamo = await FaultProxy.start(`http://127.0.0.1:${config.dynamoPort}`);
  // The departures queue's stand-in is answered on the local gateway's port.
  queue = await FaultProxy.start(`http://127.0.0.1:${config.wsPort}`);
  config.backendEnv = {
    ...config.backendEnv,
    CONNECTIONS_URL: posts.url,
    DYNAMODB_ENDPOINT: dynamo.url,
    SQS_ENDPOINT: queue.url,
  };
  stack = await startStack(config);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await Promise.all([posts?.close(), dynamo?.close(), queue?.close()]);
  rmSync(config.dataDir, { recursive: true, force: true });
});

const clients: ChatClient[] = [];
afterEach(() => {
  posts.clear();
  dynamo.clear();
  queue.clear();
  for (const client of clients.splice(0)) client.close();
});

/** A connected SDK client in `room`, recording the order of its `message` events. */
async function member(name: string, room: string) {
  const client = createChatClient({
    wsUrl: stack.urls.ws,
    httpUrl: stack.urls.http,
    auth: guestAuth({ name }),
  });
  clients.push(client);
  await client.connect();
  const joined = await client.join(room);
  const seen: ChatMessage[] = [];
  joined.on('message', (m) => seen.push(m));
  const connectionId = async () => {
    const [id] = await connectionsOf(stack.urls.dynamodb, client.user?.id as string);
    return id as string;
  };
  return { client, room: joined, seen, texts: () => seen.map((m) => m.text), connectionId };
}

/** Closes a client's socket from the server side, straight at the emulator (not through the proxy). */
async function drop(connectionId: string): Promise<void> {
  await fetch(`${stack.urls.connections}/@connections/${connectionId}`, { method: 'DELETE' });
}

/** Waits until every listed room emitted exactly `texts`, in that order. */
async function allSaw(members: { texts(): string[] }[], texts: string[]) {
  for (const m of members) await expect.poll(() => m.texts(), { timeout: 20_000 }).toEqual(texts);
}

async function historyOf(room: Room): Promise<string[]> {
  return (await room.history({ limit: 100 })).messages.map((m) => m.text);
}

describe('delivery under races and faults (deterministic, through fault proxies)', () => {
  it('loses nothing when the socket drops while an older message is still on its way to it', async () => {
    const room = freshRoom('race');
    const [ada, bob, cat] = await Promise.all([
      member('Ada', room),
      member('Bob', room),
      member('Cat', room),
    ]);
    const catId = await cat.connectionId();
    const held = posts.hold(calls.postOf(1, catId));
    // The sender's ack waits for its fan-out, so it is not awaited until the post is let through.
    const first = ada.room.send('first');
    await held.arrived;
    // A newer message overtakes it: Cat has 2 but not 1 when her socket goes.
    const overtook = posts.after(calls.postOf(2, catId), () => drop(catId));
    await bob.room.send('second');
    await overtook;
    held.release();
    await first;
    await allSaw([cat, ada, bob], ['first', 'second']);
    expect(await historyOf(cat.room)).toEqual(['first', 'second']);
  });

  it("holds the sender's own ack back behind an older message still in flight, and fills the gap while connected", async () => {
    const room = freshRoom('own-ack');
    const [ada, cat] = await Promise.all([member('Ada', room), member('Cat', room)]);
    const catId = await cat.connectionId();
    // Ada's message never reaches Cat live: only the gap fill can bring it.
    const lost = posts.fail(calls.postOf(1, catId), 410);
    await ada.room.send('from Ada');
    await lost;
    const own = await cat.room.send('from Cat');
    expect(own.seq).toBe(2);
    await allSaw([cat, ada], ['from Ada', 'from Cat']);
    expect(cat.client.state).toBe('open');
  });

  it('gives every client the same order when several send at once', async () => {
    const room = freshRoom('order');
    const people = await Promise.all(['Ada', 'Bob', 'Cat', 'Dan'].map((name) => member(name, room)));
    await Promise.all(
      people.flatMap((p, i) => Array.from({ length: 5 }, (_, n) => p.room.send(`${i}-${n}`))),
    );
    for (const p of people) await expect.poll(() => p.seen.length, { timeout: 20_000 }).toBe(20);
    const orders = people.map((p) => p.seen.map((m) => m.seq));
    expect(orders[0]).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const order of orders) expect(order).toEqual(orders[0]);
    for (const p of people) expect(p.texts()).toEqual(people[0]?.texts());
  });

  it('closes a connection whose posts keep failing (not 410), so its client resumes and misses nothing', async () => {
    const room = freshRoom('failing-post');
    const [ada, cat] = await Promise.all([member('Ada', room), member('Cat', room)]);
    const catId = await cat.connectionId();
    const states: string[] = [];
    cat.client.on('state', (s) => states.push(s));
    posts.fail(calls.postOf(1, catId), 500, 3);
    await ada.room.send('through the storm');
    await allSaw([cat], ['through the storm']);
    await ada.room.send('after it');
    await allSaw([cat, ada], ['through the storm', 'after it']);
  });

  it('resumes a quiet room without reading a page, and still gets what comes next', async () => {
    const room = freshRoom('quiet-resume');
    const ada = await member('Ada', room);
    await ada.room.send('before');
    const reader = await FrameClient.connect(stack.urls, 'Bob');
    try {
      const joined = (await reader.request({ action: 'join', room, ref: 'j' })) as { latest: number };
      await reader.request({ action: 'leave', room, ref: 'l' });
      // Any read of this room's positions now fails every attempt: a resume that read a page would
      // be refused with `internal`.
      const positions = (call: ProxiedCall) =>
        call.operation === 'Query' && call.body.includes('"bySeq"') && call.body.includes(`ROOM#${room}"`);
      dynamo.fail(positions, 500, 3);
      const resumed = await reader.request({ action: 'join', room, after: joined.latest, ref: 'r' });
      expect(resumed).toMatchObject({ type: 'ack', upTo: joined.latest, messages: [], hasMore: false });
      dynamo.clear();
      await ada.room.send('after');
      expect(await reader.waitFor((f) => f.type === 'message')).toMatchObject({
        message: { text: 'after', seq: joined.latest + 1 },
      });
    } finally {
      reader.close();
    }
  });

  describe('a send is stored once and delivered once whichever step failed', () => {
    it('the position counter write failed: nothing stored, the retry stores once', async () => {
      const room = freshRoom('fail-alloc');
      const [ada, bob] = await Promise.all([member('Ada', room), member('Bob', room)]);
      dynamo.fail(calls.dynamo('UpdateItem', '"S#META"'), 500, 3);
      const error = await ada.room.send('retried').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'internal' });
      const [failed] = ada.room.outbox;
      await ada.room.retry(failed?.clientId as string);
      await allSaw([ada, bob], ['retried']);
      expect(await historyOf(bob.room)).toEqual(['retried']);
    });

    it('the message write failed: its position is skipped and blocks nobody, the retry stores once', async () => {
      const room = freshRoom('fail-put');
      const [ada, bob] = await Promise.all([member('Ada', room), member('Bob', room)]);
      dynamo.fail(calls.dynamo('PutItem', '"M#'), 500, 3);
      const error = await ada.room.send('second try').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'internal' });
      const [failed] = ada.room.outbox;
      const stored = await ada.room.retry(failed?.clientId as string);
      expect(stored.seq).toBe(2);
      await bob.room.send('next');
      await allSaw([ada, bob], ['second try', 'next']);
      expect(await historyOf(bob.room)).toEqual(['second try', 'next']);
    });

    it("the message write's answer was lost and the AWS SDK retried it: still fanned out, once", async () => {
      const room = freshRoom('lost-answer');
      const [ada, bob] = await Promise.all([member('Ada', room), member('Bob', room)]);
      const lost = dynamo.loseAnswer(calls.dynamo('PutItem', '"M#'), 500);
      const sent = await ada.room.send('written once');
      await lost;
      expect(sent.seq).toBe(1);
      await allSaw([ada, bob], ['written once']);
      expect(await historyOf(bob.room)).toEqual(['written once']);
    });

    // In an unmoderated public room the state is read beside the write: the message is stored.
    it("the room's subscriptions could not be read: the retry (a duplicate) is fanned out", async () => {
      const room = freshRoom('fail-query');
      const [ada, bob] = await Promise.all([member('Ada', room), member('Bob', room)]);
      // This room's state query only: departures of earlier tests' clients read their rooms' too.
      const roomState = calls.dynamo('Query', '"S#"');
      dynamo.fail((call) => roomState(call) && call.body.includes(`ROOM#${room}"`), 500, 3);
      const error = await ada.room.send('late but once').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'internal' });
      const [failed] = ada.room.outbox;
      const stored = await ada.room.retry(failed?.clientId as string);
      expect(stored.seq).toBe(1);
      await allSaw([ada, bob], ['late but once']);
      await bob.room.send('then this');
      await allSaw([ada, bob], ['late but once', 'then this']);
    });

    it('the ack was lost with the socket: the outbox resends after the reconnect, stored and delivered once', async () => {
      const room = freshRoom('lost-ack');
      const [ada, bob] = await Promise.all([member('Ada', room), member('Bob', room)]);
      const adaId = await ada.connectionId();
      // The moment the message is stored, Ada's socket goes: the handler's answer has nowhere to go.
      dynamo.after(calls.dynamo('PutItem', '"M#'), () => drop(adaId));
      const sent = await ada.room.send('exactly once');
      expect(sent.seq).toBe(1);
      await allSaw([ada, bob], ['exactly once']);
      expect(await historyOf(bob.room)).toEqual(['exactly once']);
    });
  });

  describe('a departure is announced whichever step of the grace period failed', () => {
    /** Ada and Bob in a room; Bob's socket closes; resolves with what Ada's room then heard of Bob. */
    async function bobLeaves(room: string) {
      const [ada, bob] = await Promise.all([member('Ada', room), member('Bob', room)]);
      const bobId = bob.client.user?.id as string;
      const heard: string[] = [];
      ada.room.on('presence', ({ user, status }) => {
        if (user.id === bobId) heard.push(status);
      });
      const connection = await bob.connectionId();
      bob.client.close();
      return { heard, connection };
    }

    it('the queue refused it: $disconnect announces it at once instead', async () => {
      const refused = queue.fail((call) => call.operation === 'SendMessage', 500);
      const { heard } = await bobLeaves(freshRoom('queue-down'));
      await refused;
      // Without the fallback nothing would ever announce it: the queue never got the departure.
      await expect.poll(() => heard).toEqual(['offline']);
    });

    it('the departures function failed: the queue hands it back and the retry announces it', async () => {
      const room = freshRoom('departure-retry');
      // The first settling of Bob's subscription fails every attempt of the store client (3 calls).
      const { heard, connection } = await bobLeaves(room);
      const failed = dynamo.fail(calls.dynamo('DeleteItem', `S#SUB#${connection}`), 500, 3);
      await failed;
      await expect.poll(() => heard, { timeout: 20_000 }).toEqual(['offline']);
    });
  });
});

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  connectionsOf,
  connectWithToken,
  FrameClient,
  freshRoom,
  LOCAL_TABLE,
  localTable,
  openRaw,
} from './helpers.js';
import { TEST_LIMITS } from './stack-setup.js';

const urls = inject('stack');
const open: FrameClient[] = [];
afterEach(() => {
  for (const client of open.splice(0)) client.close();
});

type Guest = FrameClient & { session: { token: string; user: { id: string; name: string } } };

async function guest(name: string): Promise<Guest> {
  const client = (await FrameClient.connect(urls, name)) as Guest;
  open.push(client);
  return client;
}

describe('presence', () => {
  it('lists who is online on join and tells the room when someone comes and goes', async () => {
    const room = freshRoom();
    const ada = await guest('Ada');
    await ada.request({ action: 'join', room, ref: 'j' });
    const bob = await guest('Bob');
    const joined = await bob.request({ action: 'join', room, ref: 'j' });
    expect((joined as { online: { name: string }[] }).online.map((u) => u.name).sort()).toEqual([
      'Ada',
      'Bob',
    ]);
    expect(await ada.waitFor((f) => f.type === 'presence')).toEqual({
      type: 'presence',
      room,
      user: { id: bob.session.user.id, name: 'Bob', guest: true },
      status: 'online',
    });
    bob.close();
    expect(await ada.waitFor((f) => f.type === 'presence' && f.status === 'offline')).toMatchObject({
      user: { id: bob.session.user.id },
    });
  });

  it('keeps a user online while another of their connections is still in the room', async () => {
    const room = freshRoom();
    const ada = await guest('Ada');
    await ada.request({ action: 'join', room, ref: 'j' });
    const bob = await guest('Bob');
    await bob.request({ action: 'join', room, ref: 'j' });
    // Bob's second tab: same token, so the same user.
    const secondTab = FrameClient.fromSocket(await openRaw(urls.ws, ['chat.v1', bob.session.token]));
    open.push(secondTab);
    await secondTab.request({ action: 'join', room, ref: 'j' });
    await secondTab.request({ action: 'leave', room, ref: 'l' });
    await ada.roundTrip();
    const bobPresence = ada.frames.filter((f) => f.type === 'presence' && f.user.id === bob.session.user.id);
    expect(bobPresence.map((f) => (f as { status: string }).status)).toEqual(['online']);
  });
});

describe('presence grace period (PRESENCE_GRACE_SECONDS: 2 s on the test stack)', () => {
  const graceMs = Number(TEST_LIMITS.PRESENCE_GRACE_SECONDS) * 1000;
  const statusesOf = (client: FrameClient, userId: string) =>
    client.frames
      .filter((f) => f.type === 'presence' && f.user.id === userId)
      .map((f) => (f as { status: string }).status);
  const subscription = async (room: string, connectionId: string) =>
    (
      await localTable(urls.dynamodb).send(
        new GetCommand({ TableName: LOCAL_TABLE, Key: { pk: `ROOM#${room}`, sk: `S#SUB#${connectionId}` } }),
      )
    ).Item;

  it('announces nothing when a dropped user is back within the grace period, and lists them meanwhile', async () => {
    const room = freshRoom();
    const ada = await guest('Ada');
    await ada.request({ action: 'join', room, ref: 'j' });
    const bob = await guest('Bob');
    await bob.request({ action: 'join', room, ref: 'j' });
    await ada.waitFor((f) => f.type === 'presence' && f.status === 'online');
    bob.close();
    // While Bob is away, a newcomer is told he is here: the room never heard that he left.
    const cy = await guest('Cy');
    await expect
      .poll(async () => {
        const [id] = await connectionsOf(urls.dynamodb, bob.session.user.id);
        return id;
      })
      .toBeUndefined();
    const joined = (await cy.request({ action: 'join', room, ref: 'j' })) as { online: { name: string }[] };
    expect(joined.online.map((u) => u.name).sort()).toEqual(['Ada', 'Bob', 'Cy']);
    const back = await connectWithToken(urls.ws, bob.session.token);
    open.push(back);
    await back.request({ action: 'join', room, ref: 'j' });
    // Past the grace period of the first connection, and a round trip for anything posted by then.
    await new Promise((resolve) => setTimeout(resolve, graceMs + 1500));
    await ada.roundTrip();
    expect(statusesOf(ada, bob.session.user.id)).toEqual(['online']);
    expect(statusesOf(cy, bob.session.user.id)).toEqual([]);
  });

  it('announces a departure once the grace period is over, never before, and posts nothing to it meanwhile', async () => {
    const room = freshRoom();
    const ada = await guest('Ada');
    await ada.request({ action: 'join', room, ref: 'j' });
    const bob = await guest('Bob');
    await bob.request({ action: 'join', room, ref: 'j' });
    const [bobConnection] = await connectionsOf(urls.dynamodb, bob.session.user.id);
    const closedAt = Date.now();
    bob.close();
    await expect.poll(() => subscription(room, bobConnection as string)).toHaveProperty('goneAt');
    // A message now is posted to Ada only: a post to Bob's closed socket would fail with 410 Gone,
    // and that clean-up would have removed his departing subscription before its time.
    await ada.request({ action: 'send', room, text: 'anyone?', clientId: 'grace-1', ref: 's' });
    await ada.roundTrip();
    expect(await subscription(room, bobConnection as string)).toHaveProperty('goneAt');
    const offline = await ada.waitFor((f) => f.type === 'presence' && f.status === 'offline');
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(graceMs);
    expect(offline).toMatchObject({ room, user: { id: bob.session.user.id, name: 'Bob' } });
    expect(await subscription(room, bobConnection as string)).toBeUndefined();
    await ada.roundTrip();
    expect(statusesOf(ada, bob.session.user.id)).toEqual(['online', 'offline']);
  });
});

describe('typing', () => {
  it('relays typing to the others, throttles repeats, and refuses it outside a joined room', async () => {
    const room = freshRoom();
    const ada = await guest('Ada');
    const bob = await guest('Bob');
    await ada.request({ action: 'join', room, ref: 'j' });
    await bob.request({ action: 'join', room, ref: 'j' });
    expect(await ada.request({ action: 'typing', room, ref: 't1' })).toMatchObject({
      type: 'ack',
      throttled: false,
    });
    // Straight after the first, well inside the 2 s throttle even on a slow runner.
    expect(await ada.request({ action: 'typing', room, ref: 't2' })).toMatchObject({
      type: 'ack',
      throttled: true,
    });
    expect(await bob.waitFor((f) => f.type === 'typing')).toEqual({
      type: 'typing',
      room,
      user: { id: ada.session.user.id, name: 'Ada', guest: true },
    });
    await bob.roundTrip();
    expect(bob.frames.filter((f) => f.type === 'typing')).toHaveLength(1);
    expect(ada.frames.some((f) => f.type === 'typing')).toBe(false);
    expect(await ada.request({ action: 'typing', room: freshRoom(), ref: 't3' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
  });
});

describe('message expiry', () => {
  it('leaves messages past their TTL out of history (dynalite has no TTL; AWS deletes late)', async () => {
    const room = freshRoom();
    const ada = await guest('Ada');
    const kept = await ada.request({ action: 'send', room, text: 'fresh', id: 'expiry-fresh-1', ref: 's' });
    const db = localTable(urls.dynamodb);
    const expiredId = '01A00000000000000000000000';
    await db.send(
      new PutCommand({
        TableName: LOCAL_TABLE,
        Item: {
          pk: `ROOM#${room}`,
          sk: 'M#x#expired-1',
          seq: 2,
          id: expiredId,
          clientId: 'expired-1',
          room,
          text: 'stale',
          ts: 0,
          sender: { id: 'x', name: 'X', guest: true },
          ttl: Math.floor(Date.now() / 1000) - 60,
        },
      }),
    );
    const page = await ada.request({ action: 'history', room, ref: 'h' });
    expect(page).toMatchObject({ messages: [(kept as { message: unknown }).message], hasMore: false });
  });
});

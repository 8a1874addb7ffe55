import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  connectionsOf as connectionsOfUser,
  FrameClient,
  freshRoom,
  LOCAL_TABLE,
  localTable,
} from './helpers.js';

const urls = inject('stack');
const db = localTable(urls.dynamodb);
const TABLE = LOCAL_TABLE;
const open: FrameClient[] = [];
afterAll(() => {
  for (const client of open) client.close();
});

async function connect(name: string) {
  const client = await FrameClient.connect(urls, name);
  open.push(client);
  return client;
}

/** Connection ids subscribed to a room, read straight from the table. */
async function subscribers(room: string): Promise<string[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sub)',
      ExpressionAttributeValues: { ':pk': `ROOM#${room}`, ':sub': 'S#SUB#' },
    }),
  );
  return (result.Items ?? []).map((item) => item.connectionId as string);
}

const connectionsOf = (userId: string) => connectionsOfUser(urls.dynamodb, userId);

describe('fan-out', () => {
  it('delivers a new message to every other connection in the room, not to other rooms', async () => {
    const room = freshRoom();
    const [alice, bob, carol] = await Promise.all([connect('Alice'), connect('Bob'), connect('Carol')]);
    await alice.request({ action: 'join', room, ref: 'j' });
    await bob.request({ action: 'join', room, ref: 'j' });
    await carol.request({ action: 'join', room: freshRoom('elsewhere'), ref: 'j' });

    const ack = await alice.request({ action: 'send', room, text: 'hello all', id: 'fanout-id-1', ref: 's' });
    const delivered = await bob.waitFor((f) => f.type === 'message');
    expect(delivered).toEqual({ type: 'message', message: (ack as { message: unknown }).message });

    await carol.roundTrip();
    expect(carol.frames.some((f) => f.type === 'message')).toBe(false);
    // The sender gets its message in the ack, not a second time as a message frame.
    await alice.roundTrip();
    expect(alice.frames.some((f) => f.type === 'message')).toBe(false);
  });

  it('removes a subscription whose connection answers 410 Gone, and still acks the sender', async () => {
    const room = freshRoom();
    const ghost = 'ghost-connection-id';
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          pk: `ROOM#${room}`,
          sk: `S#SUB#${ghost}`,
          connectionId: ghost,
          user: { id: 'ghost', name: 'G', guest: true },
        },
      }),
    );
    const sender = await connect('Sender');
    await sender.request({ action: 'join', room, ref: 'j' });
    const ack = await sender.request({ action: 'send', room, text: 'anyone?', id: 'gone-id-1', ref: 's' });
    expect(ack).toMatchObject({ type: 'ack', ref: 's', message: { text: 'anyone?' } });
    const ghostSub = await db.send(
      new GetCommand({ TableName: TABLE, Key: { pk: `ROOM#${room}`, sk: `S#SUB#${ghost}` } }),
    );
    expect(ghostSub.Item).toBeUndefined();
    // The sender's own subscription (keyed by its connection id) survives the cleanup.
    const [senderConnection] = await connectionsOf(sender.session.user.id);
    expect(await subscribers(room)).toEqual([senderConnection]);
  });

  it('forgets a connection and its subscriptions on disconnect', async () => {
    const room = freshRoom();
    const leaver = await connect('Leaver');
    await leaver.request({ action: 'join', room, ref: 'j' });
    const stayer = await connect('Stayer');
    await stayer.request({ action: 'join', room, ref: 'j' });
    expect(await subscribers(room)).toHaveLength(2);
    const [leaverConnection] = await connectionsOf(leaver.session.user.id);
    leaver.close();
    await expect.poll(() => subscribers(room)).not.toContain(leaverConnection);
    expect(await subscribers(room)).toEqual(await connectionsOf(stayer.session.user.id));
    expect(await connectionsOf(leaver.session.user.id)).toEqual([]);
  });
});

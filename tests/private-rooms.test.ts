import type { ServerFrame } from '@org/chat-sdk/protocol';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectWithToken, FrameClient, freshRoom, signedInUser, type UserTokens } from './helpers.js';

// Written as an attacker would try it: every path by which a private room could leak, or a client
// could make a room's members pay for posts about nothing.
const urls = inject('stack');
const pool = inject('cognito');
const open: FrameClient[] = [];
let owner: UserTokens;
let member: UserTokens;

beforeAll(async () => {
  [owner, member] = (await Promise.all([
    signedInUser(urls.cognito, pool),
    signedInUser(urls.cognito, pool),
  ])) as [UserTokens, UserTokens];
});
afterAll(() => {
  for (const client of open) client.close();
});

async function as(token: string) {
  const client = await connectWithToken(urls.ws, token);
  open.push(client);
  return client;
}
async function asGuest(name = 'Mallory') {
  const client = await FrameClient.connect(urls, name);
  open.push(client);
  return client;
}

let refs = 0;
const ask = (client: FrameClient, frame: Record<string, unknown>) =>
  client.request({ ...frame, ref: `a${++refs}` });
const of = (client: FrameClient, type: ServerFrame['type']) => client.frames.filter((f) => f.type === type);

describe('private rooms stay private on every path', () => {
  it('drops a guest who joined the name before it was created private, and tells it why', async () => {
    const room = freshRoom('squat');
    const mallory = await asGuest();
    expect(await ask(mallory, { action: 'join', room })).toMatchObject({ type: 'ack' });
    const boss = await as(owner.idToken);
    expect(await ask(boss, { action: 'create', room, visibility: 'private' })).toMatchObject({ type: 'ack' });
    expect(await mallory.waitFor((f) => f.type === 'removed')).toEqual({
      type: 'removed',
      room,
      reason: 'private',
    });
    await ask(boss, { action: 'join', room });
    await ask(boss, { action: 'send', room, text: 'board only', id: 'squat-secret-1' });
    expect(await ask(mallory, { action: 'typing', room })).toMatchObject({ code: 'forbidden' });
    expect(await ask(mallory, { action: 'join', room })).toMatchObject({ code: 'forbidden' });
    await mallory.roundTrip();
    expect(of(mallory, 'message')).toEqual([]);
    expect(of(boss, 'typing')).toEqual([]);
  });

  it('ends a removed member’s feed on every open socket at once, and refuses what they try next', async () => {
    const room = freshRoom('removal');
    const boss = await as(owner.idToken);
    await ask(boss, { action: 'create', room, visibility: 'private' });
    await ask(boss, { action: 'add_member', room, user: member.sub });
    const [laptop, phone] = [await as(member.idToken), await as(member.accessToken)];
    await ask(boss, { action: 'join', room });
    for (const socket of [laptop, phone])
      expect(await ask(socket, { action: 'join', room })).toMatchObject({ type: 'ack' });
    await ask(boss, { action: 'send', room, text: 'while you were in', id: 'removal-before-1' });
    for (const socket of [laptop, phone]) await socket.waitFor((f) => f.type === 'message');

    expect(await ask(boss, { action: 'remove_member', room, user: member.sub })).toMatchObject({
      type: 'ack',
    });
    for (const socket of [laptop, phone]) {
      expect(await socket.waitFor((f) => f.type === 'removed')).toEqual({
        type: 'removed',
        room,
        reason: 'removed',
      });
    }
    await ask(boss, { action: 'send', room, text: 'after you left', id: 'removal-after-1' });
    for (const frame of [
      { action: 'send', room, text: 'still here?', id: 'removal-try-1' },
      { action: 'typing', room },
      { action: 'history', room },
      { action: 'join', room },
    ]) {
      expect(await ask(laptop, frame), frame.action).toMatchObject({ code: 'forbidden' });
    }
    await laptop.roundTrip();
    await phone.roundTrip();
    for (const socket of [laptop, phone]) {
      expect(of(socket, 'message').map((f) => (f as { message: { text: string } }).message.text)).toEqual([
        'while you were in',
      ]);
    }
  });

  it('announces nothing for a leave of a room never joined, nor for joining a room twice', async () => {
    const room = freshRoom('presence');
    const boss = await as(owner.idToken);
    await ask(boss, { action: 'create', room, visibility: 'private' });
    await ask(boss, { action: 'add_member', room, user: member.sub });
    await ask(boss, { action: 'join', room });
    const mallory = await asGuest();
    expect(await ask(mallory, { action: 'leave', room })).toMatchObject({ type: 'ack' });
    const friend = await as(member.idToken);
    await ask(friend, { action: 'join', room });
    await boss.waitFor((f) => f.type === 'presence');
    await ask(friend, { action: 'join', room });
    await ask(friend, { action: 'join', room });
    await boss.roundTrip();
    await friend.roundTrip();
    // One arrival, announced once; the guest's leave announced nothing.
    expect(of(boss, 'presence')).toEqual([
      { type: 'presence', room, user: expect.objectContaining({ id: member.sub }), status: 'online' },
    ]);
  });

  it('delivers nothing of a private room to a stale subscription left behind by a race (checked at each delivery)', async () => {
    const room = freshRoom('stale');
    const boss = await as(owner.idToken);
    await ask(boss, { action: 'create', room, visibility: 'private' });
    await ask(boss, { action: 'add_member', room, user: member.sub });
    const friend = await as(member.idToken);
    await ask(friend, { action: 'join', room });
    // The member record goes without the usual clean-up (as a racing join could leave it).
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    const { localTable, LOCAL_TABLE } = await import('./helpers.js');
    await localTable(urls.dynamodb).send(
      new DeleteCommand({
        TableName: LOCAL_TABLE,
        Key: { pk: `ROOM#${room}`, sk: `S#MEMBER#${member.sub}` },
      }),
    );
    await ask(boss, { action: 'send', room, text: 'not for you', id: 'stale-secret-1' });
    await friend.roundTrip();
    expect(of(friend, 'message')).toEqual([]);
  });

  it('tells a joiner what the room is: visibility, title, owner and their role', async () => {
    const room = freshRoom('info');
    const boss = await as(owner.idToken);
    await ask(boss, { action: 'create', room, visibility: 'private', title: 'Board' });
    await ask(boss, { action: 'add_member', room, user: member.sub });
    const friend = await as(member.idToken);
    expect(await ask(friend, { action: 'join', room })).toMatchObject({
      info: { visibility: 'private', title: 'Board', owner: owner.sub, role: 'member' },
    });
    expect(await ask(boss, { action: 'join', room })).toMatchObject({ info: { role: 'owner' } });
  });
});

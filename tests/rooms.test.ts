import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectWithToken, FrameClient, freshRoom, signedInUser, type UserTokens } from './helpers.js';

const urls = inject('stack');
const pool = inject('cognito');
const open: FrameClient[] = [];
let owner: UserTokens;
let friend: UserTokens;
let stranger: UserTokens;
let ownerClient: FrameClient;
let friendClient: FrameClient;
let strangerClient: FrameClient;
let guestClient: FrameClient;

beforeAll(async () => {
  [owner, friend, stranger] = (await Promise.all([1, 2, 3].map(() => signedInUser(urls.cognito, pool)))) as [
    UserTokens,
    UserTokens,
    UserTokens,
  ];
  ownerClient = await connectWithToken(urls.ws, owner.idToken);
  friendClient = await connectWithToken(urls.ws, friend.accessToken);
  strangerClient = await connectWithToken(urls.ws, stranger.idToken);
  guestClient = await FrameClient.connect(urls, 'Guest');
  open.push(ownerClient, friendClient, strangerClient, guestClient);
});
afterAll(() => {
  for (const client of open) client.close();
});

let refs = 0;
function ask(client: FrameClient, frame: Record<string, unknown>) {
  return client.request({ ...frame, ref: `r${++refs}` });
}

describe('rooms', () => {
  it('lets anyone, guests included, use a room nobody created (an implicit public room)', async () => {
    const room = freshRoom();
    expect(await ask(guestClient, { action: 'join', room })).toMatchObject({ type: 'ack' });
    expect(await ask(guestClient, { action: 'send', room, text: 'hi', id: 'public-msg-1' })).toMatchObject({
      type: 'ack',
    });
  });

  it('lets guests use a created public room but not create rooms', async () => {
    const room = freshRoom();
    expect(
      await ask(ownerClient, { action: 'create', room, visibility: 'public', title: 'Town square' }),
    ).toMatchObject({
      type: 'ack',
      info: { visibility: 'public', title: 'Town square', owner: owner.sub, role: 'owner' },
    });
    expect(await ask(guestClient, { action: 'join', room })).toMatchObject({
      type: 'ack',
      info: { visibility: 'public', title: 'Town square', owner: owner.sub, role: 'member' },
    });
    expect(
      await ask(guestClient, { action: 'create', room: freshRoom(), visibility: 'public' }),
    ).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
  });

  it('admits only members to a private room: never guests, never strangers', async () => {
    const room = freshRoom('private');
    expect(await ask(ownerClient, { action: 'create', room, visibility: 'private' })).toMatchObject({
      type: 'ack',
    });
    expect(await ask(ownerClient, { action: 'join', room })).toMatchObject({ type: 'ack' });
    expect(
      await ask(ownerClient, { action: 'send', room, text: 'secret', id: 'private-msg-1' }),
    ).toMatchObject({ type: 'ack' });

    for (const outsider of [guestClient, strangerClient]) {
      for (const frame of [
        { action: 'join', room },
        { action: 'send', room, text: 'let me in', id: 'intruder-1' },
        { action: 'history', room },
      ]) {
        expect(await ask(outsider, frame), JSON.stringify(frame)).toMatchObject({
          type: 'error',
          code: 'forbidden',
        });
      }
    }
  });

  it('lets a member add a signed-in user, who can then read the history and write', async () => {
    const room = freshRoom('private');
    await ask(ownerClient, { action: 'create', room, visibility: 'private' });
    await ask(ownerClient, { action: 'send', room, text: 'before you came', id: 'private-msg-2' });
    expect(await ask(ownerClient, { action: 'add_member', room, user: friend.sub })).toMatchObject({
      type: 'ack',
    });
    expect(await ask(friendClient, { action: 'history', room })).toMatchObject({
      type: 'ack',
      messages: [{ text: 'before you came' }],
    });
    expect(
      await ask(friendClient, { action: 'send', room, text: 'thanks', id: 'friend-msg-1' }),
    ).toMatchObject({ type: 'ack' });
  });

  it('refuses to make a guest a member', async () => {
    const room = freshRoom('private');
    await ask(ownerClient, { action: 'create', room, visibility: 'private' });
    const guestId = (guestClient as FrameClient & { session: { user: { id: string } } }).session.user.id;
    expect(await ask(ownerClient, { action: 'add_member', room, user: guestId })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
  });

  it('refuses member changes from non-members and removals from non-owners', async () => {
    const room = freshRoom('private');
    await ask(ownerClient, { action: 'create', room, visibility: 'private' });
    await ask(ownerClient, { action: 'add_member', room, user: friend.sub });
    expect(await ask(strangerClient, { action: 'add_member', room, user: stranger.sub })).toMatchObject({
      code: 'forbidden',
    });
    expect(await ask(friendClient, { action: 'remove_member', room, user: owner.sub })).toMatchObject({
      code: 'forbidden',
    });
    // A member may leave; afterwards the room is closed to them.
    expect(await ask(friendClient, { action: 'remove_member', room, user: friend.sub })).toMatchObject({
      type: 'ack',
    });
    expect(await ask(friendClient, { action: 'join', room })).toMatchObject({ code: 'forbidden' });
  });

  it('refuses to create a room that exists or was already used as a public room, with conflict', async () => {
    const room = freshRoom();
    await ask(ownerClient, { action: 'create', room, visibility: 'public' });
    expect(await ask(strangerClient, { action: 'create', room, visibility: 'private' })).toMatchObject({
      code: 'conflict',
    });
    const used = freshRoom();
    await ask(guestClient, { action: 'send', room: used, text: 'squatting', id: 'squat-msg-1' });
    expect(await ask(ownerClient, { action: 'create', room: used, visibility: 'private' })).toMatchObject({
      code: 'conflict',
    });
  });

  it('answers a create retried after its own success as done, not as a conflict', async () => {
    const room = freshRoom();
    const frame = { action: 'create', room, visibility: 'private', title: 'Ours' };
    const first = await ask(ownerClient, frame);
    expect(first).toMatchObject({ type: 'ack', info: { visibility: 'private', role: 'owner' } });
    expect(await ask(ownerClient, frame)).toEqual({ ...first, ref: expect.any(String) });
    expect(await ask(ownerClient, { ...frame, title: 'Other' })).toMatchObject({ code: 'conflict' });
  });

  it('answers member changes on unknown or public rooms with not_found and invalid', async () => {
    expect(
      await ask(ownerClient, { action: 'add_member', room: freshRoom(), user: friend.sub }),
    ).toMatchObject({
      code: 'not_found',
    });
    const room = freshRoom();
    await ask(ownerClient, { action: 'create', room, visibility: 'public' });
    expect(await ask(ownerClient, { action: 'add_member', room, user: friend.sub })).toMatchObject({
      code: 'invalid',
    });
  });

  it('validates room ids and visibility', async () => {
    expect(
      await ask(ownerClient, { action: 'create', room: 'bad room!', visibility: 'public' }),
    ).toMatchObject({
      code: 'invalid',
    });
    expect(
      await ask(ownerClient, { action: 'create', room: freshRoom(), visibility: 'secret' }),
    ).toMatchObject({
      code: 'invalid',
    });
  });
});

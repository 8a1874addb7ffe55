import { type ChatClient, ChatError, createChatClient, guestAuth, tokenAuth } from '@org/chat-sdk';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshRoom, signedInUser, type UserTokens } from './helpers.js';

const urls = inject('stack');
const clients: ChatClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
let owner: UserTokens;
let friend: UserTokens;
beforeAll(async () => {
  [owner, friend] = (await Promise.all([
    signedInUser(urls.cognito, inject('cognito')),
    signedInUser(urls.cognito, inject('cognito')),
  ])) as [UserTokens, UserTokens];
});

function clientFor(token: string): ChatClient {
  const client = createChatClient({ wsUrl: urls.ws, httpUrl: urls.http, auth: tokenAuth(() => token) });
  clients.push(client);
  return client;
}

describe('rooms through the SDK', () => {
  it('creates a private room, manages its members, and tells a removed member at once', async () => {
    const boss = clientFor(owner.idToken);
    const id = freshRoom('sdk-private');
    const created = await boss.createRoom({ id, visibility: 'private', title: 'Plans' });
    expect(created).toEqual({ visibility: 'private', title: 'Plans', owner: owner.sub, role: 'owner' });
    // Retried (as after a reconnect): the same settings are not a conflict.
    await expect(boss.createRoom({ id, visibility: 'private', title: 'Plans' })).resolves.toEqual(created);
    const room = await boss.join(id);
    expect(room.info).toEqual(created);
    await room.addMember(friend.sub);

    const pal = clientFor(friend.idToken);
    const palRoom = await pal.join(id);
    expect(palRoom.info).toMatchObject({ visibility: 'private', role: 'member' });
    const removed: string[] = [];
    palRoom.on('removed', ({ reason }) => removed.push(reason));
    await room.removeMember(friend.sub);
    await expect.poll(() => removed).toEqual(['removed']);
    expect(pal.rooms.has(id)).toBe(false);
    await expect(pal.join(id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses a room for a guest, and bad options with the field at fault', async () => {
    const guest = createChatClient({ wsUrl: urls.ws, httpUrl: urls.http, auth: guestAuth({ name: 'Gus' }) });
    clients.push(guest);
    await expect(guest.createRoom({ id: freshRoom(), visibility: 'public' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const error = await guest.createRoom({ id: 'no spaces', visibility: 'public' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/^room:/) });
  });

  it('starts a room joined before connecting from its newest messages, not from its beginning', async () => {
    const writer = clientFor(owner.idToken);
    const id = freshRoom('sdk-early');
    const writerRoom = await writer.join(id);
    for (let i = 0; i < 3; i++) await writerRoom.send(`old ${i}`);
    const reader = createChatClient({
      wsUrl: urls.ws,
      httpUrl: urls.http,
      auth: guestAuth({ name: 'Early' }),
    });
    clients.push(reader);
    const joining = reader.join(id); // before connect(): the join waits for the connection
    const room = await joining;
    const seen: string[] = [];
    room.on('message', (m) => seen.push(m.text));
    await writerRoom.send('new');
    await expect.poll(() => seen).toEqual(['new']);
    expect((await room.history({ limit: 10 })).messages.map((m) => m.text)).toEqual([
      'old 0',
      'old 1',
      'old 2',
      'new',
    ]);
  });
});

// A guest who signs up, through the SDK against the real stack: the guest and the account are one
// person to everyone in the room (online, and in the guest's earlier messages), with no "left" and
// "arrived" in between; the retired guest provider starts over as a new guest.
import {
  type ChatClient,
  ChatError,
  type ChatMessage,
  createChatClient,
  guestAuth,
  linkGuest,
  relabelMessage,
  tokenAuth,
} from '@org/chat-sdk';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { FrameClient, freshRoom, signedInUser } from './helpers.js';

const urls = inject('stack');
const pool = inject('cognito');
const clients: (ChatClient | FrameClient)[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function client(auth: Parameters<typeof createChatClient>[0]['auth']): ChatClient {
  const made = createChatClient({ wsUrl: urls.ws, httpUrl: urls.http, auth });
  clients.push(made);
  return made;
}

describe('linkGuest', () => {
  it('makes the guest and the account one person to the others in the room', async () => {
    const roomId = freshRoom('sdk-link');
    const tokens = await signedInUser(urls.cognito, pool, undefined, 'Ada Lovelace');
    const account = tokenAuth(() => tokens.idToken);

    // Records what the server posts to the room, to know when the guest's departure was sent.
    const wire = await FrameClient.connect(urls, 'Wire');
    clients.push(wire);
    await wire.request({ action: 'join', room: roomId, ref: 'j' });
    const bob = client(guestAuth({ name: 'Bob' }));
    const bobRoom = await bob.join(roomId);
    const seen: ChatMessage[] = [];
    const signals: string[] = [];
    bobRoom.on('message', (m) => seen.push(m));
    bobRoom.on('presence', ({ user, status }) => signals.push(`${status} ${user.name}`));
    bobRoom.on('identity', ({ to }) => signals.push(`identity ${to.name}`));

    const guest = guestAuth({ name: 'Ada' });
    const visitor = client(guest);
    const visitorRoom = await visitor.join(roomId);
    const guestId = visitor.user?.id as string;
    await visitorRoom.send('Hello, I am a guest');
    await expect.poll(() => seen.length).toBe(1);
    await expect.poll(() => signals).toEqual(['online Ada']);

    const result = await linkGuest({ httpUrl: urls.http, guest, account });
    expect(result).toMatchObject({ guest: guestId, user: { id: tokens.sub, name: 'Ada Lovelace' } });
    await expect.poll(() => signals).toEqual(['online Ada', 'identity Ada Lovelace']);
    expect(bobRoom.online.map((u) => u.name).sort()).toEqual(['Ada Lovelace', 'Bob', 'Wire']);

    // The account takes the guest's place: its socket joins, the guest's closes.
    const member = client(account);
    const memberRoom = await member.join(roomId);
    visitor.close();
    await wire.waitFor((f) => f.type === 'presence' && f.status === 'offline' && f.user.id === guestId);
    await memberRoom.send('Hello again, with my account');
    await expect.poll(() => seen.length).toBe(2);
    // Bob was posted the departure with the wire, before this round trip: he heard only the identity.
    await bobRoom.history({ limit: 1 });
    expect(signals).toEqual(['online Ada', 'identity Ada Lovelace']);
    expect(bobRoom.online.map((u) => u.name).sort()).toEqual(['Ada Lovelace', 'Bob', 'Wire']);
    const link = { from: guestId, to: result.user, at: result.linkedAt };
    expect(seen.map((m) => relabelMessage(m, link).sender.id)).toEqual([tokens.sub, tokens.sub]);

    const history = await memberRoom.history();
    expect(history.messages.map((m) => [m.text, m.sender.name, m.sender.guest])).toEqual([
      ['Hello, I am a guest', 'Ada Lovelace', false],
      ['Hello again, with my account', 'Ada Lovelace', false],
    ]);

    // The retired guest provider starts over: a new guest, not the linked one.
    const fresh = await guest.getSession({ httpUrl: urls.http });
    expect(fresh.user.id).not.toBe(guestId);
  });

  it('refuses to link a user as the guest, before asking the server', async () => {
    const tokens = await signedInUser(urls.cognito, pool);
    const account = tokenAuth(() => tokens.idToken);
    await expect(linkGuest({ httpUrl: urls.http, guest: account, account })).rejects.toBeInstanceOf(
      ChatError,
    );
  });
});

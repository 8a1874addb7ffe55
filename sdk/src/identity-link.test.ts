// A guest who became an account, as a client sees it: one person online, the guest's earlier
// messages shown as the account's, later ones (whoever holds the old guest token) left as the guest's.
import { describe, expect, it } from 'vitest';
import { type IdentityLink, relabelMessage } from './protocol/links.js';
import type { AckFrame, ChatMessage, ChatUser } from './protocol/types.js';
import { FakeRoom } from './react/fake-room.js';
import { createMessageStore } from './react/message-store.js';
import { type RoomChannel, RoomState } from './room.js';

const guest: ChatUser = { id: 'guest_1', name: 'Ada', guest: true };
const account: ChatUser = { id: 'user-1', name: 'Ada Lovelace', guest: false };
const other: ChatUser = { id: 'guest_2', name: 'Bob', guest: true };
const link: IdentityLink = { from: guest.id, to: account, at: 1_000 };

function message(seq: number, sender: ChatUser, ts: number): ChatMessage {
  return { id: `id-${seq}`, seq, clientId: `c-${seq}`, room: 'lobby', text: `m${seq}`, ts, sender };
}

/** A channel answering every request with `answer`. */
function channel(answer: AckFrame): RoomChannel {
  return { request: async () => answer, newClientId: () => 'id', forget: () => {}, maxOutbox: 5 };
}

describe('relabelMessage', () => {
  it('gives the account to the guest’s messages written up to the link, and to nothing else', () => {
    expect(relabelMessage(message(1, guest, 999), link).sender).toEqual(account);
    expect(relabelMessage(message(2, guest, 1_000), link).sender).toEqual(account);
    expect(relabelMessage(message(3, guest, 1_001), link).sender).toEqual(guest);
    const fromOther = message(4, other, 10);
    expect(relabelMessage(fromOther, link)).toBe(fromOther);
  });
});

describe('a room told that a guest is now an account', () => {
  it('shows one person online, and the guest’s departure and the account’s arrival change nothing', () => {
    const room = new RoomState('lobby', channel({ type: 'ack', ref: '1' }));
    room.noteJoin({ type: 'ack', ref: 'j', upTo: 0, latest: 0, online: [guest, other] });
    const events: string[] = [];
    room.on('presence', ({ user, status }) => events.push(`${status}:${user.id}`));
    room.on('identity', ({ from, to }) => events.push(`identity:${from}->${to.id}`));

    room.noteIdentity(link);
    room.notePresence(account, 'online');
    room.notePresence(guest, 'offline');

    expect(room.online.map((user) => user.id).sort()).toEqual([other.id, account.id].sort());
    expect(events).toEqual([`identity:${guest.id}->${account.id}`]);
    room.notePresence(other, 'offline');
    expect(events).toContain(`offline:${other.id}`);
  });

  it('emits the guest’s earlier messages as the account’s, live and in history pages', async () => {
    const page = [message(1, guest, 500), message(2, guest, 1_500)];
    const room = new RoomState('lobby', channel({ type: 'ack', ref: 'h', messages: page, hasMore: false }));
    room.noteJoin({ type: 'ack', ref: 'j', upTo: 0, latest: 0 });
    const live: ChatMessage[] = [];
    room.on('message', (m) => live.push(m));
    room.noteIdentity(link);

    room.receive(message(1, guest, 900));
    room.receive(message(2, guest, 1_100));
    expect(live.map((m) => m.sender.id)).toEqual([account.id, guest.id]);
    const history = await room.history();
    expect(history.messages.map((m) => m.sender.name)).toEqual(['Ada Lovelace', 'Ada']);
  });
});

describe('the React hooks’ message store', () => {
  it('relabels the messages it holds when the room says a guest became an account', async () => {
    const room = new FakeRoom();
    room.pages = [{ messages: [message(1, guest, 10), message(2, other, 20)], hasMore: false }];
    const store = createMessageStore(room);
    const off = store.subscribe(() => {});
    await expect.poll(() => store.getSnapshot().messages.length).toBe(2);
    room.emit('identity', link);
    expect(store.getSnapshot().messages.map((m) => m.sender.name)).toEqual(['Ada Lovelace', 'Bob']);
    off();
  });
});

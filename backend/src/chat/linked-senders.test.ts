import type { ChatMessage, IdentityLink, Sender } from '@org/chat-sdk/protocol';
import { describe, expect, it, vi } from 'vitest';
import { linkedMessages, linkedSenders } from './linked-senders.js';
import type { PositionRow } from './pages.js';

const guest: Sender = { id: 'guest_1', name: 'A', guest: true };
const other: Sender = { id: 'guest_2', name: 'Bob', guest: true };
const user: Sender = { id: 'user-7', name: 'Ada Lovelace', guest: false };
const link: IdentityLink = { from: guest.id, to: user, at: 5_000 };

function row(seq: number, sender: Sender, ts = seq * 1000): PositionRow {
  const message: ChatMessage = { id: `m${seq}`, seq, clientId: `c${seq}`, room: 'r', text: 'hi', ts, sender };
  return { seq, ts, message };
}

describe('linkedSenders', () => {
  it('shows a linked guest’s messages up to the link as the account’s, and leaves the rest', async () => {
    const lookup = vi.fn(async (ids: string[]) => new Map(ids.includes(guest.id) ? [[guest.id, link]] : []));
    const rows = [row(1, guest), row(2, other), { seq: 3, ts: 3000 }, row(5, guest), row(6, guest)];
    const { rows: shown } = await linkedSenders({ rows, more: false }, lookup);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect((lookup.mock.calls[0]?.[0] ?? []).sort()).toEqual([guest.id, other.id]);
    expect(shown.map((r) => r.message?.sender.id)).toEqual([user.id, other.id, undefined, user.id, guest.id]);
    expect(shown.map((r) => r.seq)).toEqual([1, 2, 3, 5, 6]);
  });

  it('asks nothing when no guest wrote in the rows', async () => {
    const lookup = vi.fn(async () => new Map<string, IdentityLink>());
    const read = { rows: [row(1, user), { seq: 2, ts: 2000 }] };
    expect(await linkedSenders(read, lookup)).toBe(read);
    expect(await linkedMessages([], lookup)).toEqual([]);
    expect(lookup).not.toHaveBeenCalled();
  });
});

import { describe, expect, it } from 'vitest';
import { ChatError } from './errors.js';
import { editMessage, muteUser, noticeInfo, readAudit, resolveReport } from './moderation.js';
import type { AckFrame, ChatMessage, RoomInfo } from './protocol/types.js';
import { type RoomChannel, RoomState } from './room.js';

const info: RoomInfo = { visibility: 'public', role: 'member' };

function message(seq: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `id-${seq}`,
    seq,
    clientId: `c-${seq}`,
    room: 'lobby',
    text: `m${seq}`,
    ts: 0,
    sender: { id: 'u', name: 'U', guest: true },
    ...extra,
  };
}

/** A channel answering with the given acks or errors in turn; records what was asked. */
function channel(answers: (Partial<AckFrame> | ChatError)[]) {
  const asked: Record<string, unknown>[] = [];
  const value: RoomChannel = {
    async request(frame) {
      asked.push(frame);
      const answer = answers.shift();
      if (answer instanceof ChatError) throw answer;
      return { type: 'ack', ref: 'r', ...answer };
    },
    newClientId: () => 'client-id-1',
    forget: () => {},
    maxOutbox: 5,
  };
  return { channel: value, asked };
}

function joinedRoom(answers: (Partial<AckFrame> | ChatError)[] = []) {
  const { channel: value, asked } = channel(answers);
  const room = new RoomState('lobby', value);
  room.noteJoin({ type: 'ack', ref: 'j', upTo: 5, latest: 5, messages: [], hasMore: false, info });
  return { room, asked };
}

describe('noticeInfo', () => {
  it('applies a role change, a mute and its end, and the room’s visible settings', () => {
    expect(noticeInfo(info, { kind: 'role', role: 'moderator' })?.role).toBe('moderator');
    const muted = noticeInfo(info, { kind: 'muted', until: 42, reason: 'calm' });
    expect(muted?.muted).toEqual({ until: 42, reason: 'calm' });
    expect(noticeInfo(muted, { kind: 'unmuted' })?.muted).toBeUndefined();
    const slow = noticeInfo(info, { kind: 'settings', slowModeSeconds: 8, links: 'users' });
    expect(slow).toMatchObject({ slowModeSeconds: 8, links: 'users' });
    expect(noticeInfo(slow, { kind: 'settings' })).toMatchObject({
      slowModeSeconds: undefined,
      links: undefined,
    });
    // A notice about something else changes nothing; a room not joined yet has no info.
    expect(noticeInfo(info, { kind: 'rejected', clientId: 'x' })).toEqual(info);
    expect(noticeInfo(undefined, { kind: 'role', role: 'owner' })).toBeUndefined();
  });
});

describe('a room takes in moderation', () => {
  it('emits an edit or a deletion of a message already shown, and never shows a message twice', () => {
    const { room } = joinedRoom();
    const seen: string[] = [];
    room.on('message', (m) => seen.push(`message ${m.seq} ${m.text}`));
    room.on('update', (m) => seen.push(`update ${m.seq} ${m.text}`));
    room.on('delete', (m) => seen.push(`delete ${m.seq}`));
    room.receive(message(6));
    room.noteUpdate(message(6, { text: 'fixed', editedAt: 1 }));
    room.noteUpdate(message(6, { text: '', deleted: true }));
    // An edit of a message that has not arrived yet takes its place: it is shown once, as it is now.
    room.noteUpdate(message(8, { text: 'edited early', editedAt: 1 }));
    room.receive(message(7));
    room.receive(message(8));
    expect(seen).toEqual([
      'message 6 m6',
      'update 6 fixed',
      'delete 6',
      'message 7 m7',
      'message 8 edited early',
    ]);
  });

  it('updates info before telling the app, and drops a held message that was turned down', async () => {
    const { room } = joinedRoom([new ChatError('held', 'held for review')]);
    const roles: (string | undefined)[] = [];
    room.on('moderation', () => roles.push(room.info?.role));
    await expect(room.send('maybe')).rejects.toMatchObject({ code: 'held' });
    expect(room.outbox).toMatchObject([{ clientId: 'client-id-1', status: 'held' }]);
    room.noteModeration({ kind: 'role', role: 'moderator' });
    room.noteModeration({ kind: 'rejected', clientId: 'client-id-1' });
    expect(roles).toEqual(['moderator', 'moderator']);
    expect(room.outbox).toEqual([]);
  });

  it('lets an approved held message leave the outbox when it arrives', async () => {
    const { room } = joinedRoom([new ChatError('held', 'held for review')]);
    await room.send('approve me').catch(() => undefined);
    room.receive(message(6, { clientId: 'client-id-1', text: 'approve me' }));
    expect(room.outbox).toEqual([]);
  });
});

describe('the moderation calls', () => {
  it('send their action about the room and resolve with what the ack carries', async () => {
    const stored = message(6, { text: 'new', editedAt: 2 });
    const { room, asked } = joinedRoom([
      { message: stored },
      { until: 99 },
      {},
      { entries: [], hasMore: false },
    ]);
    expect(await editMessage(room, 6, 'new')).toEqual(stored);
    expect(await muteUser(room, 'guest_x', { durationSeconds: 60, shadow: true })).toBe(99);
    await resolveReport(room, { room: 'lobby', id: 'm6' }, 'dismiss');
    expect(await readAudit(room)).toEqual({ entries: [], hasMore: false });
    expect(asked).toEqual([
      { action: 'edit', room: 'lobby', seq: 6, text: 'new' },
      { action: 'mute', room: 'lobby', user: 'guest_x', durationSeconds: 60, shadow: true },
      { action: 'resolve', room: 'lobby', report: 'm6', resolution: 'dismiss' },
      { action: 'audit', room: 'lobby' },
    ]);
  });

  it('reject with the server’s code and, for a mute, until when', async () => {
    const { room } = joinedRoom([new ChatError('muted', 'muted', undefined, 1234)]);
    await expect(editMessage(room, 6, 'x')).rejects.toMatchObject({ code: 'muted', until: 1234 });
  });
});

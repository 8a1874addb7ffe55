import { describe, expect, it, vi } from 'vitest';
import { ChatError } from './errors.js';
import type { AckFrame, ChatMessage } from './protocol/types.js';
import { type OutgoingMessage, type RoomChannel, RoomState } from './room.js';

function message(seq: number, clientId = `c-${seq}`): ChatMessage {
  return {
    id: `id-${seq}`,
    seq,
    clientId,
    room: 'lobby',
    text: `m${seq}`,
    ts: 0,
    sender: { id: 'u', name: 'U', guest: true },
  };
}
const joined = (upTo: number, extra: Partial<AckFrame> = {}): AckFrame => ({
  type: 'ack',
  ref: 'j',
  upTo,
  latest: upTo,
  messages: [],
  hasMore: false,
  ...extra,
});

/** A channel whose answers the test gives, in order; records what was asked. */
function scriptedChannel(answers: (AckFrame | ChatError)[]) {
  const asked: Record<string, unknown>[] = [];
  let ids = 0;
  const channel: RoomChannel = {
    async request(frame) {
      asked.push(frame);
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected request');
      if (answer instanceof ChatError) throw answer;
      return answer;
    },
    newClientId: () => `client-id-${++ids}`,
    forget: () => {},
    maxOutbox: 2,
  };
  return { channel, asked };
}

describe('RoomState', () => {
  it('emits each position once, in order, whichever path and order they arrive by', () => {
    const room = new RoomState('lobby', scriptedChannel([]).channel);
    const seen: number[] = [];
    room.on('message', (m) => seen.push(m.seq));
    room.noteJoin(joined(3));
    room.receive(message(5));
    room.receive(message(4));
    room.receive(message(4));
    room.receive(message(3));
    room.receive(message(6));
    expect(seen).toEqual([4, 5, 6]);
    expect(room.cursor).toBe(6);
  });

  it('starts a new reader where the server says, treating what came before as history', () => {
    const room = new RoomState('lobby', scriptedChannel([]).channel);
    const seen: number[] = [];
    room.on('message', (m) => seen.push(m.seq));
    // A live frame can come before the join's answer: at or below the start it is history.
    room.receive(message(7));
    room.receive(message(9));
    room.noteJoin(
      joined(7, { latest: 9, messages: [message(8)], info: { visibility: 'public', role: 'member' } }),
    );
    expect(seen).toEqual([8, 9]);
    expect(room.info).toEqual({ visibility: 'public', role: 'member' });
  });

  it('resumes from its cursor and pages until nothing more was missed', async () => {
    const { channel, asked } = scriptedChannel([
      joined(7, { messages: [message(6), message(7)], hasMore: true, latest: 9 }),
      { type: 'ack', ref: '2', messages: [message(8), message(9)], upTo: 9, hasMore: false },
    ]);
    const room = new RoomState('lobby', channel);
    room.noteJoin(joined(5));
    const seen: number[] = [];
    room.on('message', (m) => seen.push(m.seq));
    await room.resume();
    expect(asked).toEqual([
      { action: 'join', room: 'lobby', after: 5 },
      { action: 'history', room: 'lobby', after: 7, limit: 100 },
    ]);
    expect(seen).toEqual([6, 7, 8, 9]);
  });

  it('moves past positions a page settled without a message (skipped, expired)', async () => {
    const { channel } = scriptedChannel([joined(9, { messages: [message(8)], latest: 9 })]);
    const room = new RoomState('lobby', channel);
    room.noteJoin(joined(5));
    const seen: number[] = [];
    room.on('message', (m) => seen.push(m.seq));
    room.receive(message(10));
    await room.resume();
    expect(seen).toEqual([8, 10]);
    expect(room.cursor).toBe(10);
  });

  it('waits out a page that stopped before a position still being written', async () => {
    vi.useFakeTimers();
    try {
      const { channel, asked } = scriptedChannel([
        joined(6, { messages: [message(6)], hasMore: true, pending: true, retryAfterMs: 500 }),
        { type: 'ack', ref: '2', messages: [message(7)], upTo: 7, hasMore: false },
      ]);
      const room = new RoomState('lobby', channel);
      room.noteJoin(joined(5));
      const resumed = room.resume();
      await vi.advanceTimersByTimeAsync(499);
      expect(asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await resumed;
      expect(asked).toHaveLength(2);
      expect(room.cursor).toBe(7);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not resume a room whose first join was never answered (its join is queued)', async () => {
    const { channel, asked } = scriptedChannel([]);
    const room = new RoomState('lobby', channel);
    await room.resume();
    expect(asked).toEqual([]);
  });

  it('holds a message that overtook an older one, then asks for the gap while still connected', async () => {
    vi.useFakeTimers();
    try {
      const { channel, asked } = scriptedChannel([
        { type: 'ack', ref: '1', messages: [message(4)], upTo: 5, hasMore: false },
      ]);
      const room = new RoomState('lobby', channel);
      room.noteJoin(joined(3));
      const seen: number[] = [];
      room.on('message', (m) => seen.push(m.seq));
      room.receive(message(5));
      expect(seen).toEqual([]);
      await vi.advanceTimersByTimeAsync(500);
      expect(asked).toEqual([{ action: 'history', room: 'lobby', after: 3, limit: 100 }]);
      expect(seen).toEqual([4, 5]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for positions the server announced but that never came', async () => {
    vi.useFakeTimers();
    try {
      const { channel, asked } = scriptedChannel([
        { type: 'ack', ref: '1', messages: [message(4)], upTo: 4, hasMore: false },
      ]);
      const room = new RoomState('lobby', channel);
      room.noteJoin(joined(3, { latest: 4 }));
      const seen: number[] = [];
      room.on('message', (m) => seen.push(m.seq));
      await vi.advanceTimersByTimeAsync(500);
      expect(asked).toHaveLength(1);
      expect(seen).toEqual([4]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('delivers its own sent message once and in turn, even when the fan-out copy comes too', async () => {
    const { channel, asked } = scriptedChannel([
      { type: 'ack', ref: '1', message: message(2, 'client-id-1') },
    ]);
    const room = new RoomState('lobby', channel);
    room.noteJoin(joined(0));
    const seen: number[] = [];
    room.on('message', (m) => seen.push(m.seq));
    await expect(room.send('hi')).resolves.toMatchObject({ seq: 2 });
    // Its own ack overtook message 1 from someone else: 2 waits for it.
    expect(seen).toEqual([]);
    room.receive(message(1));
    room.receive(message(2));
    expect(asked).toEqual([{ action: 'send', room: 'lobby', text: 'hi', id: 'client-id-1' }]);
    expect(seen).toEqual([1, 2]);
  });

  it('tells the app when the server removed it from the room, and forgets the room', () => {
    const forgot: string[] = [];
    const room = new RoomState('lobby', { ...scriptedChannel([]).channel, forget: (id) => forgot.push(id) });
    const removed: string[] = [];
    room.on('removed', ({ reason }) => removed.push(reason));
    room.noteRemoved('private');
    expect(removed).toEqual(['private']);
    expect(forgot).toEqual(['lobby']);
  });

  it('takes who is online from the join and the room info', () => {
    const room = new RoomState('lobby', scriptedChannel([]).channel);
    room.noteJoin(joined(0, { online: [{ id: 'u', name: 'U', guest: true }] }));
    expect(room.online).toEqual([{ id: 'u', name: 'U', guest: true }]);
  });

  it('shows a send as sending, then removes it from the outbox once acked', async () => {
    const { channel } = scriptedChannel([{ type: 'ack', ref: '1', message: message(1, 'client-id-1') }]);
    const room = new RoomState('lobby', channel);
    const snapshots: (readonly OutgoingMessage[])[] = [];
    room.on('outbox', (items) => snapshots.push(items));
    await room.send('hi');
    expect(snapshots.map((items) => items.map((i) => i.status))).toEqual([['sending'], []]);
  });

  it('marks a refused send failed with its error, retries it with the same client id, and discards', async () => {
    const refused = new ChatError('forbidden', 'nope');
    const { channel, asked } = scriptedChannel([
      refused,
      { type: 'ack', ref: '2', message: message(1, 'client-id-1') },
    ]);
    const room = new RoomState('lobby', channel);
    await expect(room.send('hi')).rejects.toBe(refused);
    expect(room.outbox).toMatchObject([{ clientId: 'client-id-1', status: 'failed', error: refused }]);
    await expect(room.retry('client-id-1')).resolves.toMatchObject({ seq: 1 });
    expect(asked.map((frame) => frame.id)).toEqual(['client-id-1', 'client-id-1']);
    expect(room.outbox).toEqual([]);
    await expect(room.retry('client-id-1')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('refuses a send when the outbox is full, with a clear error', async () => {
    const { channel } = scriptedChannel([new ChatError('forbidden', 'a'), new ChatError('forbidden', 'b')]);
    const room = new RoomState('lobby', channel);
    await expect(room.send('1')).rejects.toThrow();
    await expect(room.send('2')).rejects.toThrow();
    await expect(room.send('3')).rejects.toMatchObject({ code: 'rate_limited', message: /outbox is full/ });
    room.discard('client-id-1');
    expect(room.outbox.map((i) => i.text)).toEqual(['2']);
  });

  it('waits out a rate limit the server hints at, then sends again', async () => {
    vi.useFakeTimers();
    try {
      const { channel, asked } = scriptedChannel([
        new ChatError('rate_limited', 'slow down', 1500),
        { type: 'ack', ref: '2', message: message(1, 'client-id-1') },
      ]);
      const room = new RoomState('lobby', channel);
      const sent = room.send('hi');
      await vi.advanceTimersByTimeAsync(1499);
      expect(asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(sent).resolves.toMatchObject({ seq: 1 });
      expect(asked).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tracks presence and throttles typing frames', () => {
    const { channel, asked } = scriptedChannel([
      { type: 'ack', ref: '1' },
      { type: 'ack', ref: '2' },
    ]);
    const room = new RoomState('lobby', channel);
    const ada = { id: 'a', name: 'Ada', guest: true };
    room.notePresence(ada, 'online');
    expect(room.online).toEqual([ada]);
    room.notePresence(ada, 'offline');
    expect(room.online).toEqual([]);
    room.typing();
    room.typing();
    expect(asked).toEqual([{ action: 'typing', room: 'lobby' }]);
  });
});

describe('RoomState send order', () => {
  it('keeps one send in flight, so the server stores them in the order they were written', async () => {
    const answers: ((frame: AckFrame) => void)[] = [];
    const asked: unknown[] = [];
    const channel: RoomChannel = {
      request: (frame) =>
        new Promise((resolve) => {
          asked.push(frame.text);
          answers.push(resolve);
        }),
      newClientId: (() => {
        let n = 0;
        return () => `client-id-${++n}`;
      })(),
      forget: () => {},
      maxOutbox: 10,
    };
    const room = new RoomState('lobby', channel);
    const first = room.send('one');
    const second = room.send('two');
    await Promise.resolve();
    expect(asked).toEqual(['one']);
    answers[0]?.({ type: 'ack', ref: '1', message: message(1, 'client-id-1') });
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual(['one', 'two']);
    answers[1]?.({ type: 'ack', ref: '2', message: message(2, 'client-id-2') });
    await expect(second).resolves.toMatchObject({ seq: 2 });
  });
});

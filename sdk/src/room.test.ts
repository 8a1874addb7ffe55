import { describe, expect, it, vi } from 'vitest';
import { ChatError } from './errors.js';
import type { AckFrame, ChatMessage } from './protocol/types.js';
import { type OutgoingMessage, type RoomChannel, RoomState } from './room.js';

function message(id: string, clientId = `c-${id}`): ChatMessage {
  return { id, clientId, room: 'lobby', text: id, ts: 0, sender: { id: 'u', name: 'U', guest: true } };
}

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
  it('emits each message id once, whichever path it arrives by', () => {
    const room = new RoomState('lobby', scriptedChannel([]).channel);
    const seen: string[] = [];
    room.on('message', (m) => seen.push(m.id));
    room.deliver(message('01A'));
    room.deliver(message('01B'));
    room.deliver(message('01A'));
    expect(seen).toEqual(['01A', '01B']);
    expect(room.lastId).toBe('01B');
  });

  it('resumes from the last id seen and pages until nothing more was missed', async () => {
    const { channel, asked } = scriptedChannel([
      { type: 'ack', ref: '1', messages: [message('01B'), message('01C')], hasMore: true },
      { type: 'ack', ref: '2', messages: [message('01C'), message('01D')], hasMore: false },
    ]);
    const room = new RoomState('lobby', channel);
    room.deliver(message('01A'));
    const seen: string[] = [];
    room.on('message', (m) => seen.push(m.id));
    await room.resume();
    expect(asked).toEqual([
      { action: 'join', room: 'lobby', after: '01A' },
      { action: 'history', room: 'lobby', after: '01C', limit: 100 },
    ]);
    expect(seen).toEqual(['01B', '01C', '01D']);
  });

  it('delivers its own sent message once, even when the fan-out copy comes too', async () => {
    const { channel, asked } = scriptedChannel([
      { type: 'ack', ref: '1', message: message('01S', 'client-id-1') },
    ]);
    const room = new RoomState('lobby', channel);
    const seen: string[] = [];
    room.on('message', (m) => seen.push(m.id));
    await expect(room.send('hi')).resolves.toMatchObject({ id: '01S' });
    room.deliver(message('01S'));
    expect(asked).toEqual([{ action: 'send', room: 'lobby', text: 'hi', id: 'client-id-1' }]);
    expect(seen).toEqual(['01S']);
  });

  it('resumes a room that was empty when joined from the beginning', async () => {
    const { channel, asked } = scriptedChannel([
      { type: 'ack', ref: '1', messages: [message('01A')], hasMore: false },
    ]);
    const room = new RoomState('lobby', channel);
    room.noteJoin({ type: 'ack', ref: 'j' });
    await room.resume();
    expect(asked).toEqual([{ action: 'join', room: 'lobby', after: '00000000000000000000000000' }]);
    expect(room.lastId).toBe('01A');
  });

  it('moves the resume point with history pages and the join point, never backwards', async () => {
    const { channel } = scriptedChannel([
      { type: 'ack', ref: '1', messages: [message('01B'), message('01C')], hasMore: false },
      { type: 'ack', ref: '2', messages: [message('01A')], hasMore: false },
    ]);
    const room = new RoomState('lobby', channel);
    room.noteJoin({ type: 'ack', ref: 'j' });
    expect(room.lastId).toBeUndefined();
    room.noteJoin({ type: 'ack', ref: 'j', latest: '01B', online: [{ id: 'u', name: 'U', guest: true }] });
    expect(room.online).toEqual([{ id: 'u', name: 'U', guest: true }]);
    await room.history();
    expect(room.lastId).toBe('01C');
    await room.history({ before: '01B' });
    expect(room.lastId).toBe('01C');
  });

  it('shows a send as sending, then removes it from the outbox once acked', async () => {
    const { channel } = scriptedChannel([{ type: 'ack', ref: '1', message: message('01S', 'client-id-1') }]);
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
      { type: 'ack', ref: '2', message: message('01S', 'client-id-1') },
    ]);
    const room = new RoomState('lobby', channel);
    await expect(room.send('hi')).rejects.toBe(refused);
    expect(room.outbox).toMatchObject([{ clientId: 'client-id-1', status: 'failed', error: refused }]);
    await expect(room.retry('client-id-1')).resolves.toMatchObject({ id: '01S' });
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
        { type: 'ack', ref: '2', message: message('01S', 'client-id-1') },
      ]);
      const room = new RoomState('lobby', channel);
      const sent = room.send('hi');
      await vi.advanceTimersByTimeAsync(1499);
      expect(asked).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(sent).resolves.toMatchObject({ id: '01S' });
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
    answers[0]?.({ type: 'ack', ref: '1', message: message('01A', 'client-id-1') });
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual(['one', 'two']);
    answers[1]?.({ type: 'ack', ref: '2', message: message('01B', 'client-id-2') });
    await expect(second).resolves.toMatchObject({ id: '01B' });
  });
});

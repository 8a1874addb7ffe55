import { describe, expect, it } from 'vitest';
import type { AckFrame, ChatMessage } from './protocol/types.js';
import { type RoomChannel, RoomState } from './room.js';

function message(id: string): ChatMessage {
  return {
    id,
    clientId: `c-${id}`,
    room: 'lobby',
    text: id,
    ts: 0,
    sender: { id: 'u', name: 'U', guest: true },
  };
}

/** A channel that answers from a script and records what was asked. */
function scriptedChannel(answers: AckFrame[]) {
  const asked: Record<string, unknown>[] = [];
  const channel: RoomChannel = {
    async request(frame) {
      asked.push(frame);
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected request');
      return answer;
    },
    newClientId: () => 'client-id-1',
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
    const { channel, asked } = scriptedChannel([{ type: 'ack', ref: '1', message: message('01S') }]);
    const room = new RoomState('lobby', channel);
    const seen: string[] = [];
    room.on('message', (m) => seen.push(m.id));
    await expect(room.send('hi')).resolves.toMatchObject({ id: '01S' });
    room.deliver(message('01S'));
    expect(asked).toEqual([{ action: 'send', room: 'lobby', text: 'hi', id: 'client-id-1' }]);
    expect(seen).toEqual(['01S']);
  });

  it('moves the resume point with history pages and the join point, never backwards', async () => {
    const { channel } = scriptedChannel([
      { type: 'ack', ref: '1', messages: [message('01B'), message('01C')], hasMore: false },
      { type: 'ack', ref: '2', messages: [message('01A')], hasMore: false },
    ]);
    const room = new RoomState('lobby', channel);
    room.noteLatest(undefined);
    expect(room.lastId).toBeUndefined();
    room.noteLatest('01B');
    await room.history();
    expect(room.lastId).toBe('01C');
    await room.history({ before: '01B' });
    expect(room.lastId).toBe('01C');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocketConstructor } from '../connection/connection.js';
import { type Endpoint, Relay } from './relay.js';
import { parseSocketMessage } from './socket-messages.js';

// The leader's relay alone, with a fake connection: what goes out, and what each socket gets back.
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  closed = false;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super();
    FakeSocket.made.push(this);
  }

  send(text: string) {
    this.sent.push(JSON.parse(text));
  }

  close() {
    this.closed = true;
    this.readyState = 3;
  }

  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }

  says(frame: Record<string, unknown>) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  /** The relay's ref of the last frame sent with `action`. */
  refOf(action: string): string {
    return [...this.sent].reverse().find((frame) => frame.action === action)?.ref as string;
  }
}

/** A socket's side: what it was told, in order. */
function endpoint() {
  const got: string[] = [];
  const side: Endpoint & { got: string[]; frames: () => unknown[] } = {
    got,
    frames: () => got.filter((entry) => entry.startsWith('{')).map((entry) => JSON.parse(entry)),
    opened: () => got.push('opened'),
    deliver: (text) => got.push(text),
    closed: () => got.push('closed'),
  };
  return side;
}

let relay: Relay;
let broadcasts: Array<{ frame: unknown; except: string | undefined }>;
const PROTOCOLS = ['chat.v1', 'token'];

beforeEach(() => {
  FakeSocket.made = [];
  broadcasts = [];
  relay = new Relay({
    url: 'ws://chat.test',
    WebSocket: FakeSocket as unknown as WebSocketConstructor,
    broadcast: (text, except) => broadcasts.push({ frame: JSON.parse(text), except }),
    timing: { leaveGraceMs: 1000, pongTimeoutMs: 5000 },
  });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Attaches local sockets `a` and `b` and a remote one, and opens the connection. */
function threeSockets() {
  const [a, b, remote] = [endpoint(), endpoint(), endpoint()];
  relay.attach('tab1 0', a, PROTOCOLS, true);
  relay.attach('tab1 1', b, PROTOCOLS, true);
  relay.attach('tab2 0', remote, PROTOCOLS, false);
  const real = FakeSocket.made[0] as FakeSocket;
  real.open();
  return { a, b, remote, real };
}

describe('the relay of a shared connection', () => {
  it('opens one connection for every socket, with the subprotocols they offer', () => {
    const { a, b, remote, real } = threeSockets();
    expect(FakeSocket.made).toHaveLength(1);
    expect(real.protocols).toEqual(PROTOCOLS);
    for (const side of [a, b, remote]) expect(side.got).toEqual(['opened']);
  });

  it('answers each socket with its own ref, and sends what nobody asked for to every socket', () => {
    const { a, b, real } = threeSockets();
    relay.send('tab1 0', JSON.stringify({ action: 'history', room: 'r', ref: '1' }));
    relay.send('tab1 1', JSON.stringify({ action: 'history', room: 'r', ref: '1' }));
    const [first, second] = real.sent.map((frame) => frame.ref);
    expect(first).not.toBe(second);
    real.says({ type: 'ack', ref: second, room: 'r', messages: [], hasMore: false });
    real.says({ type: 'ack', ref: first, room: 'r', messages: [], hasMore: true });
    expect(a.frames()).toEqual([{ type: 'ack', ref: '1', room: 'r', messages: [], hasMore: true }]);
    expect(b.frames()).toEqual([{ type: 'ack', ref: '1', room: 'r', messages: [], hasMore: false }]);
    // An answer to nothing pending reaches nobody; a live frame reaches everyone, other tabs by broadcast.
    real.says({ type: 'ack', ref: 'unknown', room: 'r' });
    real.says({ type: 'presence', room: 'r', user: { id: 'x' }, status: 'online' });
    expect(a.frames()).toHaveLength(2);
    expect(b.frames()).toHaveLength(2);
    expect(broadcasts).toEqual([
      { frame: { type: 'presence', room: 'r', user: { id: 'x' }, status: 'online' }, except: undefined },
    ]);
  });

  it('gives a send’s acked message to the other sockets, as the server does not echo it', () => {
    const { a, b, real } = threeSockets();
    relay.send('tab1 0', JSON.stringify({ action: 'send', room: 'r', text: 'hi', id: 'c1', ref: '7' }));
    const message = { id: 'm1', seq: 1, clientId: 'c1', room: 'r', text: 'hi' };
    real.says({ type: 'ack', ref: real.refOf('send'), message });
    expect(a.frames()).toEqual([{ type: 'ack', ref: '7', message }]);
    expect(b.frames()).toEqual([{ type: 'message', message }]);
    expect(broadcasts).toEqual([{ frame: { type: 'message', message }, except: 'tab1 0' }]);
  });

  it('gives an edit’s acked message to the other sockets as an update', () => {
    const { b, real } = threeSockets();
    relay.send('tab1 0', JSON.stringify({ action: 'edit', room: 'r', seq: 1, text: 'fixed', ref: '8' }));
    const message = { id: 'm1', seq: 1, room: 'r', text: 'fixed', editedAt: 5 };
    real.says({ type: 'ack', ref: real.refOf('edit'), room: 'r', message });
    expect(b.frames()).toEqual([{ type: 'update', room: 'r', message }]);
  });

  it('serves a bounded number of sockets: any script of the origin can ask for one', () => {
    threeSockets();
    const sides = Array.from({ length: 70 }, () => endpoint());
    for (const [i, side] of sides.entries()) relay.attach(`tab9 ${i}`, side, PROTOCOLS, false);
    expect(sides.filter((side) => side.got.includes('opened'))).toHaveLength(61);
    expect(sides.filter((side) => side.got.includes('closed'))).toHaveLength(9);
  });

  it('keeps a room joined while any socket is in it, and a join waits for a leave on its way', () => {
    const { a, b, remote, real } = threeSockets();
    for (const key of ['tab1 0', 'tab1 1'])
      relay.send(key, JSON.stringify({ action: 'join', room: 'r', ref: '1' }));
    relay.send('tab1 0', JSON.stringify({ action: 'leave', room: 'r', ref: '2' }));
    expect(a.frames()).toEqual([{ type: 'ack', ref: '2', room: 'r' }]); // answered here
    relay.send('tab1 1', JSON.stringify({ action: 'leave', room: 'r', ref: '2' }));
    expect(real.sent.map((frame) => frame.action)).toEqual(['join', 'join', 'leave']);
    // The remote tab joins while that leave is on its way: its join goes only once the leave is answered.
    relay.send('tab2 0', JSON.stringify({ action: 'join', room: 'r', ref: '1' }));
    expect(real.sent).toHaveLength(3);
    real.says({ type: 'ack', ref: real.refOf('leave'), room: 'r' });
    expect(real.sent.map((frame) => frame.action)).toEqual(['join', 'join', 'leave', 'join']);
    expect(b.frames()).toEqual([{ type: 'ack', ref: '2', room: 'r' }]);
    expect(remote.frames()).toEqual([]);
  });

  it('leaves the rooms of a socket gone without leaving, after a grace period a new join cancels', () => {
    vi.useFakeTimers();
    const { real } = threeSockets();
    relay.send('tab2 0', JSON.stringify({ action: 'join', room: 'r', ref: '1' }));
    relay.send('tab2 0', JSON.stringify({ action: 'join', room: 's', ref: '2' }));
    relay.detachTab('tab2');
    vi.advanceTimersByTime(500);
    relay.send('tab1 0', JSON.stringify({ action: 'join', room: 'r', ref: '1' })); // a reload, say
    vi.advanceTimersByTime(1000);
    expect(real.sent.filter((frame) => frame.action === 'leave').map((frame) => frame.room)).toEqual(['s']);
  });

  it('closes a connection whose ping goes unanswered, and every socket with it', () => {
    vi.useFakeTimers();
    const { a, b, remote, real } = threeSockets();
    relay.send('tab1 0', JSON.stringify({ action: 'ping' }));
    vi.advanceTimersByTime(4000);
    real.says({ type: 'pong' });
    relay.send('tab1 1', JSON.stringify({ action: 'ping' }));
    vi.advanceTimersByTime(5000);
    expect(real.closed).toBe(true);
    for (const side of [a, b, remote]) expect(side.got.at(-1)).toBe('closed');
    // The next socket that wants it opens a new one.
    relay.attach('tab1 2', endpoint(), PROTOCOLS, true);
    expect(FakeSocket.made).toHaveLength(2);
  });

  it('closes the connection when its last socket goes, and tells sockets a failed open', () => {
    const { real } = threeSockets();
    for (const key of ['tab1 0', 'tab1 1', 'tab2 0']) relay.detach(key);
    expect(real.closed).toBe(true);
    const late = endpoint();
    relay.attach('tab3 0', late, PROTOCOLS, false);
    const refused = FakeSocket.made[1] as FakeSocket;
    refused.dispatchEvent(new Event('close'));
    expect(late.got).toEqual(['closed']);
  });
});

describe('messages between tabs sharing a socket', () => {
  it('are checked before use', () => {
    expect(parseSocketMessage({ k: 'send', s: 1, text: '{}' })).toEqual({ k: 'send', s: 1, text: '{}' });
    expect(parseSocketMessage({ k: 'open', s: 0, protocols: ['chat.v1', 't'] })).toBeDefined();
    for (const junk of [
      null,
      'send',
      { k: 'send', s: -1, text: '{}' },
      { k: 'send', s: 1.5, text: '{}' },
      { k: 'frame', s: 1, text: 3 },
      { k: 'frame', s: 1, text: 'x'.repeat(2_000_000) },
      { k: 'open', s: 0, protocols: 'chat.v1' },
      { k: 'open', s: 0, protocols: ['a', 'b', 'c'] },
      { k: 'live', text: '{}', except: 5 },
      { k: 'other', s: 1 },
    ]) {
      expect(parseSocketMessage(junk)).toBeUndefined();
    }
  });
});

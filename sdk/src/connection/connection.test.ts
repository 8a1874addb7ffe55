import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../errors.js';
import { Connection, type TokenCheck, type WebSocketConstructor } from './connection.js';
import type { ConnectionEnvironment } from './environment.js';
import type { StateChange } from './states.js';

/** A WebSocket stand-in the test drives by hand. */
class FakeSocket {
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  closedWith: number | undefined;
  onopen: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  onclose: ((e: CloseEvent) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.instances.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  close(code?: number) {
    this.closedWith = code ?? 1005;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  receive(text: string) {
    this.onmessage?.({ data: text } as MessageEvent);
  }
  drop(errorMessage?: string) {
    if (errorMessage) this.onerror?.({ message: errorMessage } as unknown as Event);
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
}

function fakeEnvironment() {
  const handlers: { online?: () => void; offline?: () => void; visible?: () => void } = {};
  let online = true;
  const environment: ConnectionEnvironment = {
    listen(h) {
      Object.assign(handlers, h);
      return () => {};
    },
    isOnline: () => online,
  };
  return {
    environment,
    goOffline() {
      online = false;
      handlers.offline?.();
    },
    goOnline() {
      online = true;
      handlers.online?.();
    },
    becomeVisible: () => handlers.visible?.(),
  };
}

const last = () => FakeSocket.instances.at(-1) as FakeSocket;
const timing = {
  backoff: { baseMs: 1000, capMs: 8000 },
  minUptimeMs: 5000,
  connectTimeoutMs: 3000,
  heartbeatMs: 20_000,
  pongTimeoutMs: 4000,
  maxLifetimeMs: 60 * 60_000,
  lifetimeJitterMs: 0,
};

function makeConnection(
  getToken: (fresh: boolean) => Promise<string> = async () => 'token-1',
  extra: { checkToken?: (token: string) => Promise<TokenCheck>; lifetimeJitterMs?: number } = {},
) {
  const env = fakeEnvironment();
  const connection = new Connection({
    url: 'ws://chat.test',
    WebSocket: FakeSocket as unknown as WebSocketConstructor,
    getToken,
    timing: { ...timing, lifetimeJitterMs: extra.lifetimeJitterMs ?? 0 },
    environment: env.environment,
    ...(extra.checkToken ? { checkToken: extra.checkToken } : {}),
  });
  const changes: StateChange[] = [];
  connection.on('statechange', (change) => changes.push(change));
  return { connection, changes, ...env };
}

beforeEach(() => {
  FakeSocket.instances = [];
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.999);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Connection', () => {
  it('connects with the token as second subprotocol and reports each change with its reason', async () => {
    const { connection, changes } = makeConnection();
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(last().protocols).toEqual(['chat.v1', 'token-1']);
    last().open();
    expect(connection.state).toBe('open');
    connection.close();
    expect(changes).toEqual([
      { from: 'idle', to: 'connecting', reason: 'connect' },
      { from: 'connecting', to: 'open', reason: 'opened' },
      { from: 'open', to: 'closed', reason: 'closed by app' },
    ]);
    expect(last().closedWith).toBe(1000);
  });

  it('backs off with growing, capped delays while the server stays down', async () => {
    const { connection } = makeConnection();
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = FakeSocket.instances.length;
      last().drop();
      let waited = 0;
      while (FakeSocket.instances.length === before) {
        await vi.advanceTimersByTimeAsync(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(connection.state).toBe('reconnecting');
  });

  it('resets the retry count only after the socket stayed up for minUptime', async () => {
    const { connection } = makeConnection();
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    last().drop();
    await vi.advanceTimersByTimeAsync(1000); // attempt 2
    last().open();
    await vi.advanceTimersByTimeAsync(1000); // up 1 s: a flap
    last().drop();
    const before = FakeSocket.instances.length;
    await vi.advanceTimersByTimeAsync(1990);
    expect(FakeSocket.instances.length).toBe(before); // still backing off (up to 2 s)
    await vi.advanceTimersByTimeAsync(10);
    last().open();
    await vi.advanceTimersByTimeAsync(5000); // stayed up: counter resets
    last().drop();
    await vi.advanceTimersByTimeAsync(999);
    expect(connection.state).toBe('reconnecting');
    expect(FakeSocket.instances.length).toBe(before + 2);
  });

  it('pings an idle socket and replaces it when no answer comes', async () => {
    const { connection, changes } = makeConnection();
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = last();
    first.open();
    await vi.advanceTimersByTimeAsync(19_000);
    first.receive('{"type":"message"}'); // traffic postpones the heartbeat
    await vi.advanceTimersByTimeAsync(19_000);
    expect(first.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(first.sent).toEqual([JSON.stringify({ action: 'ping' })]);
    await vi.advanceTimersByTimeAsync(4000);
    expect(changes.at(-1)).toEqual({ from: 'open', to: 'reconnecting', reason: 'heartbeat timeout' });
    expect(first.closedWith).toBeDefined();
  });

  it('keeps a socket whose ping is answered', async () => {
    const { connection } = makeConnection();
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    await vi.advanceTimersByTimeAsync(20_000);
    last().receive('{"type":"pong"}');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(connection.state).toBe('open');
  });

  it('renews the connection on purpose before the platform limit, at once', async () => {
    const { connection, changes } = makeConnection();
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    for (let t = 0; t < 360; t++) {
      last().receive('{}'); // busy: no heartbeat involved
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(changes.at(-1)).toMatchObject({ to: 'reconnecting', reason: 'planned' });
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('waits for the browser to be online, then reconnects at once', async () => {
    const env = makeConnection();
    env.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    env.goOffline();
    expect(env.connection.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    env.goOnline();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('retries at once when the page becomes visible while reconnecting', async () => {
    const env = makeConnection();
    env.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    last().drop();
    env.becomeVisible();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('abandons a handshake that hangs', async () => {
    const { connection, changes } = makeConnection();
    connection.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(changes.at(-1)).toMatchObject({ to: 'reconnecting', reason: 'connect timeout' });
    expect(connection.state).toBe('reconnecting');
  });

  it('fails for good when the provider refuses, and retries when it is only unreachable', async () => {
    const calls: boolean[] = [];
    const { connection } = makeConnection(async (fresh) => {
      calls.push(fresh);
      if (calls.length === 1) throw new ChatError('network', 'offline');
      throw new ChatError('invalid', 'name refused');
    });
    const fatal: ChatError[] = [];
    connection.on('fatal', (error) => fatal.push(error));
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.state).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(connection.state).toBe('failed');
    expect(fatal.map((e) => e.code)).toEqual(['invalid']);
  });

  it('asks for a fresh token after a refused handshake, and fails when that one is refused too', async () => {
    const calls: boolean[] = [];
    const { connection, changes } = makeConnection(async (fresh) => {
      calls.push(fresh);
      return `token-${calls.length}`;
    });
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    last().drop('Unexpected server response: 401');
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([false, true]);
    last().drop('Unexpected server response: 401');
    expect(connection.state).toBe('failed');
    expect(changes.at(-1)).toMatchObject({ to: 'failed', reason: 'auth refused' });
  });

  it('ignores late events from a socket it already replaced', async () => {
    const { connection } = makeConnection();
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    const old = last();
    old.open();
    old.drop();
    await vi.advanceTimersByTimeAsync(1000);
    const frames: string[] = [];
    connection.on('frame', (f) => frames.push(f));
    old.receive('{"late":true}');
    old.onclose?.({} as CloseEvent);
    expect(frames).toEqual([]);
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('spreads planned renewals over the jitter window, so a deploy wave does not return at once', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { connection, changes } = makeConnection(undefined, { lifetimeJitterMs: 20 * 60_000 });
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    for (let t = 0; t < 299; t++) {
      last().receive('{}');
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(changes.some((c) => c.reason === 'planned')).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(changes.at(-1)).toMatchObject({ to: 'reconnecting', reason: 'planned' });
  });

  it('keeps the same token through an outage: no renewal while handshakes merely fail', async () => {
    const calls: boolean[] = [];
    const { connection } = makeConnection(async (fresh) => {
      calls.push(fresh);
      return 'token-1';
    });
    connection.start();
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(0);
      last().drop('Unexpected server response: 503');
      await vi.advanceTimersByTimeAsync(8000);
    }
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(calls.every((fresh) => fresh === false)).toBe(true);
    expect(connection.state).toBe('reconnecting');
  });

  it('in a browser, asks the HTTP API about a failed handshake and fails within seconds when the token is refused', async () => {
    const calls: boolean[] = [];
    const checked: string[] = [];
    const { connection, changes } = makeConnection(
      async (fresh) => {
        calls.push(fresh);
        return `token-${calls.length}`;
      },
      {
        checkToken: async (token) => {
          checked.push(token);
          return 'refused';
        },
      },
    );
    const fatal: ChatError[] = [];
    connection.on('fatal', (error) => fatal.push(error));
    connection.start();
    await vi.advanceTimersByTimeAsync(0);
    last().drop(); // a browser's close: no status
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([false, true]);
    last().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(checked).toEqual(['token-1', 'token-2']);
    expect(connection.state).toBe('failed');
    expect(fatal.map((e) => e.code)).toEqual(['unauthorized']);
    expect(changes.at(-1)).toMatchObject({ to: 'failed', reason: 'auth refused' });
  });

  it('in a browser, backs off without renewing when the token is fine, and asks about it only once', async () => {
    const calls: boolean[] = [];
    let checks = 0;
    const { connection } = makeConnection(
      async (fresh) => {
        calls.push(fresh);
        return 'token-1';
      },
      {
        checkToken: async () => {
          checks++;
          return 'accepted';
        },
      },
    );
    connection.start();
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(0);
      last().drop();
      await vi.advanceTimersByTimeAsync(8000);
    }
    expect(checks).toBe(1);
    expect(calls.every((fresh) => fresh === false)).toBe(true);
    expect(connection.state).toBe('reconnecting');
  });

  it('pings at once when the browser comes back online and the socket was silent', async () => {
    const env = makeConnection();
    env.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    last().open();
    await vi.advanceTimersByTimeAsync(5000);
    env.goOnline();
    expect(last().sent).toEqual([JSON.stringify({ action: 'ping' })]);
  });
});

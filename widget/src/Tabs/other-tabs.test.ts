import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIND_TABS_MS, watchOtherTabs } from './other-tabs.js';
import { tabSockets } from './tab-socket.js';

// Node has BroadcastChannel: two watchers in this process are two tabs of one origin.
const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Whether `promise` has settled, after every pending microtask ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

const room = () => `room-${Math.random().toString(36).slice(2)}`;

describe('looking for the visitor’s other tabs', () => {
  it('settles after a short wait when no tab answers, without loading anything', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const found = vi.fn(async () => undefined);
    const [stop, looked] = watchOtherTabs(room(), found);
    stops.push(stop);
    expect(await isSettled(looked)).toBe(false);
    vi.advanceTimersByTime(FIND_TABS_MS);
    expect(await isSettled(looked)).toBe(true);
    expect(found).not.toHaveBeenCalled();
  });

  it('settles once what another tab’s answer loads is loaded, in both tabs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const name = room();
    const loaded: string[] = [];
    const [stopA] = watchOtherTabs(name, async () => {
      loaded.push('a');
    });
    let finish: () => void = () => {};
    let asked = false;
    const [stopB, lookedB] = watchOtherTabs(
      name,
      () =>
        new Promise<void>((resolve) => {
          asked = true;
          finish = () => {
            loaded.push('b');
            resolve();
          };
        }),
    );
    stops.push(stopA, stopB);
    // Until the second tab heard the first's answer (no timer runs meanwhile: they are fake).
    while (!asked) await new Promise((resolve) => setImmediate(resolve));
    expect(loaded).toEqual(['a']);
    // A load slower than the wait: the second tab still waits for it rather than connect alone.
    vi.advanceTimersByTime(2 * FIND_TABS_MS);
    expect(await isSettled(lookedB)).toBe(false);
    finish();
    expect(await isSettled(lookedB)).toBe(true);
    expect(loaded).toEqual(['a', 'b']);
  });
});

describe('the sockets of a tab', () => {
  it('are plain until shared; the one open then is handed over, later ones are shared', () => {
    const made: unknown[] = [];
    vi.stubGlobal(
      'WebSocket',
      class {
        constructor(...args: unknown[]) {
          made.push(args);
        }
      },
    );
    const sockets = tabSockets();
    const plain = new sockets.WebSocket('ws://chat.test', ['chat.v1', 'token']);
    expect(made).toEqual([['ws://chat.test', ['chat.v1', 'token']]]);
    const adopted: unknown[] = [];
    const Shared = Object.assign(
      function sharedSocket(url: string) {
        return { shared: url };
      },
      { adopt: (...args: unknown[]) => adopted.push(args), close() {} },
    );
    sockets.share(Shared as never);
    expect(adopted).toEqual([[plain, 'ws://chat.test', ['chat.v1', 'token']]]);
    expect(new sockets.WebSocket('ws://chat.test', ['chat.v1', 'token'])).toEqual({
      shared: 'ws://chat.test',
    });
    expect(made).toHaveLength(1);
  });
});

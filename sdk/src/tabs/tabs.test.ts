import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTabsBrowser } from '../testing/fake-tabs-browser.js';
import { lead } from './lead.js';
import { TabsError, tabRequests } from './requests.js';
import { createTabs, DEFAULT_TABS_TIMING, type Tabs } from './tabs.js';

const NAME = 'org-chat-test';
const { pingMs, deadAfterMs, electionMs, memberTimeoutMs } = DEFAULT_TABS_TIMING;
/** The longest a takeover may take by the timings: a missed ping's age, one tick late, plus a claim. */
const TAKEOVER_MS = deadAfterMs + pingMs + electionMs;

let browser: FakeTabsBrowser;
let open: Array<{ close(): void }>;

beforeEach(() => {
  vi.useFakeTimers();
  browser = new FakeTabsBrowser();
  open = [];
});

afterEach(() => {
  for (const tabs of open) tabs.close();
  vi.useRealTimers();
});

/** Opens a tab named `label` in the fake browser. */
function tab(label: string, options: { locks?: boolean; state?: { visible?: boolean } } = {}) {
  const tabs = createTabs<{ visible?: boolean }>({
    name: NAME,
    state: options.state,
    environment: browser.tab(label, options),
  });
  open.push(tabs);
  return tabs;
}

const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
const leaders = (...all: Tabs<unknown>[]) => all.filter((tabs) => tabs.isLeader);

describe('tabs with Web Locks', () => {
  it('lets the first tab lead at once; later tabs follow it and know who leads', async () => {
    const a = tab('a');
    await settle();
    expect(a.mode).toBe('locks');
    expect(a.isLeader).toBe(true);
    const b = tab('b');
    const c = tab('c');
    await settle(pingMs);
    expect(leaders(a, b, c)).toEqual([a]);
    expect(b.leaderId).toBe(a.id);
    expect(c.leaderId).toBe(a.id);
  });

  it('hands leadership on at once when the leader closes, without waiting for a timeout', async () => {
    const a = tab('a');
    await settle();
    const b = tab('b');
    await settle(pingMs);
    const changes: string[] = [];
    b.on('leader', ({ id, self }) => changes.push(`${id === b.id ? 'b' : id}:${self}`));
    a.close();
    await settle();
    expect(b.isLeader).toBe(true);
    expect(changes).toContain('b:true');
  });

  it('hands leadership on when the leader tab crashes (its locks released, not a word said)', async () => {
    const a = tab('a');
    await settle();
    const b = tab('b');
    await settle(pingMs);
    expect(a.isLeader).toBe(true);
    browser.crash('a');
    await settle();
    expect(b.isLeader).toBe(true);
    expect(browser.holder(NAME)).toBe('b');
  });

  it('replaces a frozen leader within about 2 s by stealing its lock; thawed, the old leader follows', async () => {
    const a = tab('a');
    await settle();
    const b = tab('b');
    const c = tab('c');
    await settle(pingMs);
    browser.freeze('a');
    await settle(deadAfterMs);
    expect(leaders(b, c)).toEqual([]);
    await settle(pingMs);
    const [next] = leaders(b, c);
    expect(next).toBeDefined();
    expect(browser.holder(NAME)).toBe(next === b ? 'b' : 'c');
    browser.thaw('a');
    await settle(pingMs * 2);
    expect(leaders(a, b, c)).toEqual([next]);
    expect(a.leaderId).toBe(next?.id);
  });

  it('tells the leader when a follower is gone, even one that crashed', async () => {
    const a = tab('a', { state: { visible: true } });
    await settle();
    const b = tab('b', { state: { visible: false } });
    const c = tab('c', { state: { visible: false } });
    await settle(pingMs);
    expect([...a.members.keys()].sort()).toEqual([a.id, b.id, c.id].sort());
    expect(a.members.get(b.id)).toEqual({ visible: false });
    b.setState({ visible: true });
    await settle();
    expect(a.members.get(b.id)).toEqual({ visible: true });
    browser.crash('c');
    await settle();
    expect([...a.members.keys()].sort()).toEqual([a.id, b.id].sort());
    b.close();
    await settle();
    expect([...a.members.keys()]).toEqual([a.id]);
  });
});

describe('tabs without Web Locks (BroadcastChannel election)', () => {
  it('elects a lone tab once nobody answered, and later tabs follow it', async () => {
    const a = tab('a', { locks: false });
    expect(a.mode).toBe('channel');
    await settle(TAKEOVER_MS);
    expect(a.isLeader).toBe(true);
    const b = tab('b', { locks: false });
    await settle();
    expect(b.leaderId).toBe(a.id);
    expect(b.isLeader).toBe(false);
  });

  it('elects exactly one of several tabs that start together', async () => {
    const all = ['a', 'b', 'c', 'd'].map((label) => tab(label, { locks: false }));
    await settle(TAKEOVER_MS + pingMs);
    const [leader, ...others] = leaders(...all);
    expect(others).toEqual([]);
    for (const tabs of all) expect(tabs.leaderId).toBe(leader?.id);
  });

  it('elects a new leader right after the leader says goodbye (closed, or its page left)', async () => {
    const a = tab('a', { locks: false });
    await settle(TAKEOVER_MS);
    const b = tab('b', { locks: false });
    const c = tab('c', { locks: false });
    await settle(pingMs);
    expect(a.isLeader).toBe(true);
    browser.leave('a');
    browser.crash('a'); // the page is gone after pagehide
    await settle(electionMs);
    expect(leaders(b, c)).toHaveLength(1);
  });

  it('replaces a silent leader within about 2 s; woken up, the old one yields to the higher term', async () => {
    const a = tab('a', { locks: false });
    await settle(TAKEOVER_MS);
    const b = tab('b', { locks: false });
    await settle(pingMs);
    browser.freeze('a');
    await settle(TAKEOVER_MS);
    expect(b.isLeader).toBe(true);
    browser.thaw('a');
    await settle(pingMs * 2);
    expect(leaders(a, b)).toEqual([b]);
    expect(a.leaderId).toBe(b.id);
  });

  it('drops a follower that went silent from the member table', async () => {
    const a = tab('a', { locks: false });
    await settle(TAKEOVER_MS);
    tab('b', { locks: false });
    await settle(pingMs);
    expect(a.members.size).toBe(2);
    browser.crash('b');
    await settle(memberTimeoutMs + pingMs);
    expect([...a.members.keys()]).toEqual([a.id]);
  });
});

describe('tabs on their own', () => {
  it('leads alone where there is no BroadcastChannel', async () => {
    const alone = createTabs({
      name: NAME,
      environment: { openChannel: () => undefined, locks: undefined, onLeave: () => () => {} },
    });
    open.push(alone);
    expect(alone.mode).toBe('solo');
    expect(alone.isLeader).toBe(true);
    const requests = tabRequests(alone);
    requests.serve((data) => `echo ${data}`);
    await expect(requests.request('hi')).resolves.toBe('echo hi');
  });
});

describe('requests, messages and the leader’s resource', () => {
  async function pair() {
    const a = tab('a');
    await settle();
    const b = tab('b');
    await settle(pingMs);
    return { a, b };
  }

  it('answers a follower’s request in the leader, and the leader’s own request locally', async () => {
    const { a, b } = await pair();
    const [ra, rb] = [tabRequests(a), tabRequests(b)];
    const seen: string[] = [];
    ra.serve((data, from) => {
      seen.push(from === a.id ? 'a' : 'b');
      return { doubled: (data as number) * 2 };
    });
    const answered = rb.request(21);
    await settle();
    await expect(answered).resolves.toEqual({ doubled: 42 });
    await expect(ra.request(1)).resolves.toEqual({ doubled: 2 });
    expect(seen).toEqual(['b', 'a']);
  });

  it('sends a pending request again to the next leader when the leader dies before answering', async () => {
    const { a, b } = await pair();
    const c = tab('c');
    await settle(pingMs);
    tabRequests(a).serve(() => new Promise(() => {})); // never answers
    tabRequests(b).serve((data) => `b got ${data}`);
    const rc = tabRequests(c);
    rc.serve((data) => `c got ${data}`);
    const answered = rc.request('x');
    await settle();
    browser.crash('a');
    await settle(pingMs);
    const winner = b.isLeader ? 'b' : 'c';
    await expect(answered).resolves.toBe(`${winner} got x`);
  });

  it('rejects with stable codes: the handler’s own, unhandled, timeout, closed', async () => {
    const { a, b } = await pair();
    const [ra, rb] = [tabRequests(a), tabRequests(b)];
    const refusal = expect(rb.request('no')).rejects.toMatchObject({ code: 'unhandled' });
    await settle();
    await refusal;
    ra.serve(() => {
      throw Object.assign(new Error('too many'), { code: 'rate_limited' });
    });
    const refused = expect(rb.request('x')).rejects.toEqual(new TabsError('rate_limited', 'too many'));
    await settle();
    await refused;
    ra.serve(() => new Promise(() => {}));
    const slow = rb.request('x', { timeoutMs: 50 });
    const slowOutcome = expect(slow).rejects.toMatchObject({ code: 'timeout' });
    await settle(50);
    await slowOutcome;
    const pending = rb.request('x');
    rb.close();
    await expect(pending).rejects.toMatchObject({ code: 'closed' });
  });

  it('delivers broadcasts to every other tab and a send to its addressee only', async () => {
    const { a, b } = await pair();
    const c = tab('c');
    await settle(pingMs);
    const got: string[] = [];
    for (const [label, tabs] of [
      ['a', a],
      ['b', b],
      ['c', c],
    ] as const) {
      tabs.on('message', ({ from, topic, data }) =>
        got.push(`${label}<-${from === a.id ? 'a' : '?'}:${topic ?? ''}:${data}`),
      );
    }
    a.broadcast('all');
    a.send(c.id, 'only c', 'news');
    await settle();
    expect(got.sort()).toEqual(['b<-a::all', 'c<-a::all', 'c<-a:news:only c']);
  });

  it('types application messages and states, dropping what fails their checks', async () => {
    const a = createTabs<{ visible: boolean }, { n: number }>({
      name: NAME,
      environment: browser.tab('a'),
      parseState: (value) =>
        typeof (value as { visible?: unknown })?.visible === 'boolean'
          ? (value as { visible: boolean })
          : undefined,
      parseMessage: (value) =>
        typeof (value as { n?: unknown })?.n === 'number' ? (value as { n: number }) : undefined,
    });
    open.push(a);
    await settle();
    const b = tab('b');
    await settle(pingMs);
    const got: number[] = [];
    a.on('message', (message) => {
      if (message.topic === undefined) got.push(message.data.n);
    });
    b.broadcast({ n: 1 });
    b.broadcast({ n: 'two' });
    b.broadcast('three');
    b.broadcast({ anything: true }, 'other-topic');
    await settle();
    expect(got).toEqual([1]);
    b.setState({ visible: 'yes' } as unknown as { visible: boolean });
    await settle();
    expect(a.members.get(b.id)).toBeUndefined();
    b.setState({ visible: true });
    await settle();
    expect(a.members.get(b.id)).toEqual({ visible: true });
  });

  it('ignores what other scripts post on the channel', async () => {
    const { a, b } = await pair();
    const got: unknown[] = [];
    b.on('message', ({ data }) => got.push(data));
    for (const junk of [
      null,
      'text',
      { t: 'alive', from: 'x' },
      { t: 'alive', from: 'x', term: -1 },
      { t: 'msg', from: '', data: 1 },
      { t: 'msg', from: 'x'.repeat(65), data: 1 },
      { t: 'msg', from: 'x', topic: 3, data: 1 },
      { t: 'unknown', from: 'x' },
    ]) {
      browser.inject(NAME, junk);
    }
    await settle(pingMs);
    expect(got).toEqual([]);
    expect(b.leaderId).toBe(a.id);
  });

  it('runs the leader’s resource in exactly one tab, and moves it on takeover', async () => {
    const { a, b } = await pair();
    const running = new Set<string>();
    for (const [label, tabs] of [
      ['a', a],
      ['b', b],
    ] as const) {
      lead(tabs, () => {
        running.add(label);
        return () => running.delete(label);
      });
    }
    expect([...running]).toEqual(['a']);
    a.close();
    await settle();
    expect([...running]).toEqual(['b']);
  });
});

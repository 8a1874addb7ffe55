import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ServerFrame } from '../sdk/src/protocol/types.js';
import { connectionsOf, FrameClient, LOCAL_TABLE, localTable } from '../tests/helpers.js';
import type { StackUrls } from '../tests/stack-setup.js';
import {
  bundle,
  freshRoom,
  joinAs,
  launchBrowser,
  SECURE_THIRD_PARTY,
  scriptPage,
  send,
  THIRD_PARTY,
  visitorTabs,
} from './helpers.js';

// One WebSocket per browser (issue 14, item 1): several tabs of one visitor (pages of one context),
// against the real stack, counting the visitor's connections at the server (the by-user index).
const { web, http, ws, dynamodb }: StackUrls = inject('stack');

let browser: Browser;
let agent: Awaited<ReturnType<typeof FrameClient.connect>>;
let refs = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  agent = await FrameClient.connect({ http, ws }, 'Agent');
});

afterAll(async () => {
  agent?.close();
  await browser?.close();
});

/** Rooms the agent is in: left after each test (a guest may be in 5 rooms at once here). */
const agentRooms = new Set<string>();

afterEach(async () => {
  for (const room of agentRooms) await agentJoins(room, 'leave');
  agentRooms.clear();
});

/** The agent joins (or leaves) `room`. */
async function agentJoins(room: string, action: 'join' | 'leave' = 'join'): Promise<void> {
  refs += 1;
  await agent.request({ action, room, ref: `${action}${refs}` });
  if (action === 'join') agentRooms.add(room);
}

type Harness = {
  sharedHarness: {
    joined(): Promise<boolean>;
    user(): string | undefined;
    seen: string[];
    states: string[];
    send(text: string): Promise<number>;
    close(): void;
  };
  openSockets(): number;
};

/** Runs in every tab first: counts the page's own open WebSockets (the leader holds the one). */
function countSockets(): void {
  const Native = window.WebSocket;
  const made: WebSocket[] = [];
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      made.push(this);
    }
  };
  Object.assign(window, { openSockets: () => made.filter((socket) => socket.readyState === 1).length });
}

const harness = (page: Page) => page.evaluate(() => (window as unknown as Harness).sharedHarness.seen);
const openSockets = (page: Page) => page.evaluate(() => (window as unknown as Harness).openSockets());
const connections = (userId: string) => connectionsOf(dynamodb, userId).then((ids) => ids.length);

/** How many of the user's connections are subscribed to `room`, read from the table. */
async function subscriptionsOf(room: string, userId: string): Promise<number> {
  const result = await localTable(dynamodb).send(
    new QueryCommand({
      TableName: LOCAL_TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sub)',
      ExpressionAttributeValues: { ':pk': `ROOM#${room}`, ':sub': 'S#SUB#' },
    }),
  );
  const own = new Set(await connectionsOf(dynamodb, userId));
  return (result.Items ?? []).filter((item) => own.has(item.connectionId as string)).length;
}

/** The agent joins `room` and says `text` there. */
async function agentSays(room: string, text: string): Promise<void> {
  await agentJoins(room);
  await agent.request({ action: 'send', room, text, id: `agent-${room}-${refs}`, ref: `s${refs}` });
}

/** The room's messages in the server's order, as the agent reads them. */
async function serverOrder(room: string): Promise<string[]> {
  refs += 1;
  const page = (await agent.request({
    action: 'history',
    room,
    limit: 50,
    ref: `h${refs}`,
  })) as ServerFrame & {
    messages: Array<{ text: string }>;
  };
  return page.messages.map((message) => message.text);
}

/** `count` tabs of one visitor with the SDK harness in `room`, each joined; the first made the guest. */
async function tabsOfOneVisitor(room: string, { origin = SECURE_THIRD_PARTY, share = true, count = 3 } = {}) {
  const html = `<!doctype html><title>shared</title><script>${await bundle('e2e/harness/shared-client-page.ts')}</script>`;
  const visitor = await visitorTabs(browser, html, { origin, init: [countSockets] });
  const hash = encodeURIComponent(JSON.stringify({ ws, http, room, name: 'Tabby', share }));
  const pages: Page[] = [];
  // One after the other: the first makes the guest, the others find it in localStorage.
  for (let i = 0; i < count; i++) {
    const { page } = await visitor.open(`/#${hash}`);
    await page.evaluate(() => (window as unknown as Harness).sharedHarness.joined());
    pages.push(page);
  }
  const user = (await (pages[0] as Page).evaluate(() =>
    (window as unknown as Harness).sharedHarness.user(),
  )) as string;
  return { visitor, pages, user };
}

/** The one page holding the shared connection, once exactly one does. */
async function leaderOf(pages: Page[]): Promise<Page> {
  await expect
    .poll(async () => (await Promise.all(pages.map(openSockets))).join(','))
    .toMatch(/^[01](,[01])*$/);
  await expect.poll(async () => (await Promise.all(pages.map(openSockets))).filter(Boolean).length).toBe(1);
  const counts = await Promise.all(pages.map(openSockets));
  return pages[counts.indexOf(1)] as Page;
}

describe('one WebSocket for a visitor’s tabs', () => {
  for (const [label, origin] of [
    ['with Web Locks', SECURE_THIRD_PARTY],
    ['with the BroadcastChannel election (no Web Locks on http)', THIRD_PARTY],
  ] as const) {
    it(`is one connection at the server for three tabs, and carries a follower’s message (${label})`, async () => {
      const room = freshRoom('shared');
      const { visitor, pages, user } = await tabsOfOneVisitor(room, { origin });
      await expect.poll(() => connections(user)).toBe(1);
      const leader = await leaderOf(pages);
      const follower = pages.find((page) => page !== leader) as Page;
      await follower.evaluate(() => (window as unknown as Harness).sharedHarness.send('from a follower tab'));
      await agentSays(room, 'from the agent');
      for (const page of pages) {
        await expect.poll(() => harness(page)).toEqual(['from a follower tab', 'from the agent']);
      }
      expect(await connections(user)).toBe(1);
      await visitor.context.close();
    });
  }

  it('moves to another tab when the leader closes mid-conversation, losing and repeating nothing', async () => {
    const room = freshRoom('takeover');
    const { visitor, pages, user } = await tabsOfOneVisitor(room);
    await agentSays(room, 'before');
    const leader = await leaderOf(pages);
    const rest = pages.filter((page) => page !== leader);
    const started = Date.now();
    await leader.close();
    // A follower writes while nobody holds the connection; the agent goes on meanwhile.
    const writing = (rest[0] as Page).evaluate(() =>
      (window as unknown as Harness).sharedHarness.send('written during the takeover'),
    );
    await agentSays(room, 'during');
    await writing;
    console.log(
      `[shared connection] closed leader: a follower's send acked after ${Date.now() - started} ms`,
    );
    await agentSays(room, 'after');
    const order = await serverOrder(room);
    expect(order).toHaveLength(4);
    for (const page of rest) await expect.poll(() => harness(page)).toEqual(order);
    await expect.poll(() => connections(user)).toBe(1);
    expect((await Promise.all(rest.map(openSockets))).filter(Boolean)).toHaveLength(1);
    await visitor.context.close();
  });

  it('replaces a frozen leader; woken up, it follows and its connection goes', async () => {
    const room = freshRoom('frozen');
    const { visitor, pages, user } = await tabsOfOneVisitor(room);
    const leader = await leaderOf(pages);
    const rest = pages.filter((page) => page !== leader);
    // A paused debugger stops every task of the page, as a frozen or hung tab: it keeps its Web Lock
    // and its socket, and answers nothing.
    const cdp = await visitor.context.newCDPSession(leader);
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.pause');
    const started = Date.now();
    await agentSays(room, 'while it is frozen');
    for (const page of rest) await expect.poll(() => harness(page)).toEqual(['while it is frozen']);
    console.log(
      `[shared connection] frozen leader: the others had the message after ${Date.now() - started} ms`,
    );
    await (rest[1] as Page).evaluate(() => (window as unknown as Harness).sharedHarness.send('a reply'));
    await cdp.send('Debugger.resume');
    await agentSays(room, 'after it woke up');
    const order = await serverOrder(room);
    expect(order).toEqual(['while it is frozen', 'a reply', 'after it woke up']);
    for (const page of pages) await expect.poll(() => harness(page)).toEqual(order);
    await expect.poll(() => connections(user)).toBe(1);
    await visitor.context.close();
  });

  it('counts the person once in the room: one subscription, one online, no offline while a tab is in it', async () => {
    const room = freshRoom('presence');
    const from = agent.frames.length;
    await agentJoins(room);
    const { visitor, pages, user } = await tabsOfOneVisitor(room);
    const presenceOf = () =>
      agent.frames
        .slice(from)
        .filter(
          (frame) =>
            frame.type === 'presence' &&
            frame.room === room &&
            (frame as { user: { id: string } }).user.id === user,
        )
        .map((frame) => (frame as { status: string }).status);
    await agent.roundTrip();
    expect(presenceOf()).toEqual(['online']);
    expect(await subscriptionsOf(room, user)).toBe(1);
    const leader = await leaderOf(pages);
    for (const page of pages) if (page !== leader) await page.close();
    // The tab left holds the room: nobody went offline, and it still gets the room's messages.
    await agentSays(room, 'still there?');
    await expect.poll(() => harness(leader)).toEqual(['still there?']);
    await agent.roundTrip();
    expect(presenceOf()).toEqual(['online']);
    await leader.close();
    await expect.poll(presenceOf).toEqual(['online', 'offline']);
    await expect.poll(() => connections(user)).toBe(0);
    await visitor.context.close();
  });

  it('leaves the connection to each page that opts out', async () => {
    const room = freshRoom('own');
    const { visitor, pages, user } = await tabsOfOneVisitor(room, { share: false, count: 2 });
    await expect.poll(() => connections(user)).toBe(2);
    expect(await Promise.all(pages.map(openSockets))).toEqual([1, 1]);
    await visitor.context.close();
  });
});

describe('the widget in a visitor’s tabs', () => {
  /** The widget in `count` tabs, joined as one guest in the first; the others open it by themselves. */
  async function widgetTabs(room: string, attributes = '') {
    const html = scriptPage(
      web,
      `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}" ${attributes}`,
    );
    const visitor = await visitorTabs(browser, html, { origin: SECURE_THIRD_PARTY, init: [countSockets] });
    const first = await visitor.open();
    await joinAs(first, 'Widget Wendy');
    const pages = [first.page];
    for (let i = 1; i < 3; i++) {
      const next = await visitor.open();
      await next.page.getByRole('textbox', { name: 'Message' }).waitFor();
      pages.push(next.page);
    }
    const user = await (first.page as Page).evaluate(() => {
      const stored = Object.keys(localStorage).find((key) => key.startsWith('org-chat:guest:'));
      return JSON.parse(localStorage.getItem(stored as string) as string).user.id as string;
    });
    return { visitor, pages, user };
  }

  const shown = (page: Page, text: string) =>
    page.getByRole('log').getByRole('listitem').filter({ hasText: text }).count();

  it('holds one connection for three tabs; a message written in any tab shows once in all', async () => {
    const room = freshRoom('widget');
    const { visitor, pages, user } = await widgetTabs(room);
    await expect.poll(() => connections(user)).toBe(1);
    await agentJoins(room);
    // The first tab kept the connection it opened alone: no reconnect when the others came.
    expect(await openSockets(pages[0] as Page)).toBe(1);
    await send(pages[2] as Page, 'Written in the third tab');
    await agent.waitFor(
      (frame) => frame.type === 'message' && frame.message.text === 'Written in the third tab',
    );
    await agentSays(room, 'Answered by the agent');
    for (const page of pages) {
      await expect.poll(() => shown(page, 'Written in the third tab')).toBe(1);
      await expect.poll(() => shown(page, 'Answered by the agent')).toBe(1);
    }
    expect(await connections(user)).toBe(1);
    await visitor.context.close();
  });

  it('keeps a connection per tab with data-share-connection="false"', async () => {
    const room = freshRoom('widget-own');
    const { visitor, user } = await widgetTabs(room, 'data-share-connection="false"');
    await expect.poll(() => connections(user)).toBe(3);
    await visitor.context.close();
  });
});

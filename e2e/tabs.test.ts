import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, launchBrowser, SECURE_THIRD_PARTY, THIRD_PARTY, visitorTabs } from './helpers.js';

// `@org/chat-sdk/tabs` in Chromium: several tabs of one visitor (pages of one context), with Web Locks
// (a secure origin) and without (an http origin, where browsers offer no Web Locks).
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Harness = {
  tabsHarness: {
    tabs: { id: string; mode: string; isLeader: boolean; leaderId?: string; broadcast(data: unknown): void };
    requests: { request(data: unknown): Promise<unknown> };
    received: unknown[];
  };
};

const state = (page: Page) =>
  page.evaluate(() => {
    const { tabs } = (window as unknown as Harness).tabsHarness;
    return { id: tabs.id, mode: tabs.mode, leader: tabs.isLeader, leaderId: tabs.leaderId };
  });

/** Three tabs of one visitor running the harness, once all agree on one leader. */
async function threeTabs(origin: string) {
  const html = `<!doctype html><title>tabs</title><script>${await bundle('e2e/harness/tabs-page.ts')}</script>`;
  const visitor = await visitorTabs(browser, html, { origin });
  const group = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const pages: Page[] = [];
  for (let i = 0; i < 3; i++) pages.push((await visitor.open(`/#${group}`)).page);
  await expect.poll(() => agreedLeader(pages)).toBeDefined();
  return { visitor, pages };
}

/** The id of the one tab all of `pages` follow, or undefined while they disagree or two lead. */
async function agreedLeader(pages: Page[]): Promise<string | undefined> {
  const states = await Promise.all(pages.map(state));
  const leaders = states.filter((tab) => tab.leader);
  const [leader] = leaders;
  if (leaders.length !== 1 || !leader) return undefined;
  return states.every((tab) => tab.leaderId === leader.id) ? leader.id : undefined;
}

async function leaderPage(pages: Page[]): Promise<Page> {
  const states = await Promise.all(pages.map(state));
  return pages[states.findIndex((tab) => tab.leader)] as Page;
}

for (const [label, origin, mode] of [
  ['with Web Locks', SECURE_THIRD_PARTY, 'locks'],
  ['with the BroadcastChannel election (no Web Locks on http)', THIRD_PARTY, 'channel'],
] as const) {
  describe(`tabs ${label}`, () => {
    it('elect one leader; when it closes another leads, and the rest follow it', async () => {
      const { pages } = await threeTabs(origin);
      expect((await state(pages[0] as Page)).mode).toBe(mode);
      const leader = await leaderPage(pages);
      const rest = pages.filter((page) => page !== leader);
      const started = Date.now();
      await leader.close();
      await expect.poll(() => agreedLeader(rest)).toBeDefined();
      console.log(`[tabs ${mode}] closed leader replaced after ${Date.now() - started} ms`);
    });

    it('replace a frozen leader; woken up, it follows the new one', async () => {
      const { visitor, pages } = await threeTabs(origin);
      const leader = await leaderPage(pages);
      const frozenId = (await state(leader)).id;
      const rest = pages.filter((page) => page !== leader);
      // A paused debugger stops the page's every task, as a frozen or hung tab: it keeps its Web Lock
      // and answers nothing.
      const cdp = await visitor.context.newCDPSession(leader);
      await cdp.send('Debugger.enable');
      await cdp.send('Debugger.pause');
      const started = Date.now();
      await expect.poll(() => agreedLeader(rest)).toBeDefined();
      console.log(`[tabs ${mode}] frozen leader replaced after ${Date.now() - started} ms`);
      const next = await agreedLeader(rest);
      expect(next).not.toBe(frozenId);
      await cdp.send('Debugger.resume');
      await expect.poll(() => agreedLeader(pages)).toBe(next);
    });

    it('carry a follower’s request to the leader and a broadcast to every other tab', async () => {
      const { pages } = await threeTabs(origin);
      const leader = await leaderPage(pages);
      const follower = pages.find((page) => page !== leader) as Page;
      const answer = await follower.evaluate(() =>
        (window as unknown as Harness).tabsHarness.requests.request({ ask: 42 }),
      );
      expect(answer).toEqual({ answeredBy: (await state(leader)).id, data: { ask: 42 } });
      await follower.evaluate(() => (window as unknown as Harness).tabsHarness.tabs.broadcast('hello all'));
      for (const page of pages) {
        const received = () => page.evaluate(() => (window as unknown as Harness).tabsHarness.received);
        if (page === follower) expect(await received()).toEqual([]);
        else await expect.poll(received).toEqual(['hello all']);
      }
    });
  });
}

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FrameClient } from '../tests/helpers.js';
import type { StackUrls } from '../tests/stack-setup.js';
import {
  emulateVisibility,
  freshRoom,
  joinAs,
  launchBrowser,
  SECURE_THIRD_PARTY,
  scriptPage,
  setHidden,
  THIRD_PARTY,
  visitorTabs,
} from './helpers.js';

// One visitor, several tabs of the site (pages of one browser context), against the real stack: what
// the visitor sees once is shared (open window, typed name, draft, unread count), and a new message is
// counted once and notified once, in one tab, also after the tab that decided closed or froze.
const { web, http, ws }: StackUrls = inject('stack');

let browser: Browser;
let other: Awaited<ReturnType<typeof FrameClient.connect>>;

beforeAll(async () => {
  browser = await launchBrowser();
  other = await FrameClient.connect({ http, ws }, 'Agent');
});

afterAll(async () => {
  other?.close();
  await browser?.close();
});

/** What every tab records: chimes started, system notifications shown, permission prompts. */
type Recorded = {
  chimes: number;
  notifications: string[];
  /** The notifications themselves, to click them as the visitor would in the system's list. */
  shown: Notification[];
  permissionAsks: number;
  leaderSeen?: string;
};

/**
 * Runs in every tab before the page's scripts: hidden/visible under the test's control (headless
 * Chromium shows every page), and a record of the sounds, notifications and permission prompts the
 * widget starts, through the real Web Audio and Notification APIs.
 */
function instrument(): void {
  const record: Recorded = { chimes: 0, notifications: [], shown: [], permissionAsks: 0 };
  Object.assign(window, { recorded: record });
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    record.chimes += 1;
    return createOscillator.call(this);
  };
  const Native = window.Notification;
  if (!Native) return; // not a secure context
  const Recording = class extends Native {
    constructor(title: string, options?: NotificationOptions) {
      record.notifications.push(`${title}: ${options?.body}`);
      super(title, options);
      record.shown.push(this);
    }
  };
  Object.defineProperty(Recording, 'requestPermission', {
    value: (...args: Parameters<typeof Notification.requestPermission>) => {
      record.permissionAsks += 1;
      return Native.requestPermission(...args);
    },
  });
  window.Notification = Recording as typeof Notification;
}

const recorded = (page: Page) =>
  page.evaluate(() => {
    const { shown, ...rest } = (window as unknown as { recorded: Recorded }).recorded;
    return { ...rest, shown: [] as Notification[] };
  });
const launcher = (page: Page) => page.getByRole('button', { name: /^Open chat/ });
/** The launcher's accessible name: "Open chat", "Open chat, 2 unread", "Minimize chat"… */
const launcherName = (page: Page) =>
  page.evaluate(() =>
    document
      .querySelector('org-chat-widget')
      ?.shadowRoot?.querySelector('.launcher')
      ?.getAttribute('aria-label'),
  );
const total = async (pages: Page[], key: 'chimes' | 'notifications') =>
  (await Promise.all(pages.map(recorded))).reduce(
    (sum, record) => sum + (key === 'chimes' ? record.chimes : record.notifications.length),
    0,
  );

/** A visitor with the widget (all notifications on) in `count` tabs, all in `room` once the first joined. */
async function visitor(room: string, count: number, origin = SECURE_THIRD_PARTY) {
  const html = scriptPage(
    web,
    `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}" data-notifications="title sound system"`,
  );
  const tabs = await visitorTabs(browser, html, { origin, init: [emulateVisibility, instrument] });
  await tabs.context.grantPermissions(['notifications'], { origin });
  const first = await tabs.open();
  await joinAs(first, 'Tab Tess');
  const pages = [first.page];
  // The others open the window by themselves (it is open in the first tab) and join as the same guest;
  // each then loads the code that coordinates several tabs.
  for (let i = 1; i < count; i++) {
    const next = await tabs.open();
    await next.page.getByRole('textbox', { name: 'Message' }).waitFor();
    await expect.poll(() => next.requested.some((url) => /\/tab-sync-[\w-]+\.js$/.test(url))).toBe(true);
    pages.push(next.page);
  }
  // A leader is known once any tab heard one announce itself (its `alive` frame on the group's channel).
  for (const page of pages) {
    await page.evaluate((name) => {
      new BroadcastChannel(name).onmessage = (event) => {
        if (event.data?.t === 'alive')
          (window as unknown as { recorded: Recorded }).recorded.leaderSeen = event.data.from;
      };
    }, `org-chat-widget:${room}`);
  }
  await expect
    .poll(async () => (await Promise.all(pages.map(recorded))).some((r) => r.leaderSeen))
    .toBe(true);
  return { tabs, pages };
}

let sent = 0;
/** The other participant writes `text` in `room`. */
async function agentSays(room: string, text: string): Promise<void> {
  sent += 1;
  await other.request({ action: 'join', room, ref: `j${sent}` });
  await other.request({ action: 'send', room, text, id: `agent-${room}-${sent}`, ref: `s${sent}` });
}

describe('a visitor with several tabs', () => {
  it('sees one open window, one typed name and one draft in all of them', async () => {
    const room = freshRoom('shared');
    const html = scriptPage(web, `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}"`);
    const tabs = await visitorTabs(browser, html, { origin: THIRD_PARTY });
    const a = (await tabs.open()).page;
    await launcher(a).click();
    await a.getByRole('textbox', { name: 'Your name' }).fill('Half typed');
    const b = (await tabs.open()).page;
    // Opened in the first tab, so open here too, with the name typed there.
    await expect.poll(() => b.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Half typed');
    await b.getByRole('textbox', { name: 'Your name' }).fill('Both Tabs');
    await expect.poll(() => a.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Both Tabs');
    await a.getByRole('textbox', { name: 'Your name' }).press('Enter');
    await a.getByRole('textbox', { name: 'Message' }).fill('A draft from the first tab');
    const c = (await tabs.open()).page;
    await expect
      .poll(() => c.getByRole('textbox', { name: 'Message' }).inputValue())
      .toBe('A draft from the first tab');
    await c.getByRole('textbox', { name: 'Message' }).press('Enter'); // sent from the third tab
    await expect.poll(() => a.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('');
    // Closed in one tab, closed in all; opened again, open in all.
    await c.getByRole('button', { name: 'Close chat' }).click();
    for (const page of [a, b, c]) await expect.poll(() => page.getByRole('dialog').isHidden()).toBe(true);
    await launcher(b).click();
    for (const page of [a, c]) await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
  });

  it('counts a message once in every tab, chimes once where the visitor clicked last, notifies once', async () => {
    const room = freshRoom('unread');
    const { pages } = await visitor(room, 3);
    const [a, b, c] = pages as [Page, Page, Page];
    await b.getByRole('button', { name: 'Close chat' }).click(); // the visitor's last click: tab B
    for (const page of pages) await launcher(page).waitFor();
    for (const page of pages) await setHidden(page, true);

    await agentSays(room, 'First answer');
    for (const page of pages) await expect.poll(() => launcherName(page)).toBe('Open chat, 1 unread');
    await expect.poll(() => total(pages, 'notifications')).toBe(1);
    expect((await recorded(b)).chimes).toBe(1);
    await agentSays(room, 'Second answer');
    for (const page of pages) await expect.poll(() => launcherName(page)).toBe('Open chat, 2 unread');
    await expect.poll(() => total(pages, 'notifications')).toBe(2);
    expect(await total(pages, 'chimes')).toBe(2);
    expect((await recorded(b)).chimes).toBe(2);
    expect((await Promise.all(pages.map(recorded))).flatMap((r) => r.notifications)).toEqual([
      `${room}: Agent: First answer`,
      `${room}: Agent: Second answer`,
    ]);

    // The count shows before each hidden tab's title, and a title the page changes meanwhile is kept.
    for (const page of pages) await expect.poll(() => page.title()).toBe('(2) Shop');
    await c.evaluate(() => {
      document.title = 'Cart (1 item)';
    });
    await expect.poll(() => c.title()).toBe('(2) Cart (1 item)');
    // Back in tab A with the window closed: its title is the page's again, the count stays for all.
    await setHidden(a, false);
    await expect.poll(() => a.title()).toBe('Shop');
    expect(await b.title()).toBe('(2) Shop');
    // The visitor clicks the system notification: its tab comes forward and the window opens there,
    // and in every tab; seen, so counted as read in all of them.
    const noted = pages[
      (await Promise.all(pages.map(recorded))).findIndex((r) => r.notifications.length)
    ] as Page;
    await setHidden(noted, false);
    await noted.evaluate(() =>
      (window as unknown as { recorded: Recorded }).recorded.shown.at(-1)?.onclick?.(new Event('click')),
    );
    for (const page of pages) await expect.poll(() => launcherName(page)).toBe('Minimize chat');
    await setHidden(c, false);
    await expect.poll(() => c.title()).toBe('Cart (1 item)');
    await expect.poll(() => b.title()).toBe('Shop');
    // A message the visitor sees in an open window is neither counted nor notified.
    await setHidden(noted, true);
    await agentSays(room, 'Third answer, read at once');
    await a.getByRole('log').getByText('Third answer').waitFor();
    await b.getByRole('log').getByText('Third answer').waitFor();
    expect(await launcherName(b)).toBe('Minimize chat');
    expect(await total(pages, 'notifications')).toBe(2);
    expect(await total(pages, 'chimes')).toBe(2);
  });

  it('keeps counting and notifying once after the deciding tab freezes, then closes', async () => {
    const room = freshRoom('takeover');
    const { tabs, pages } = await visitor(room, 3);
    await pages[0]?.getByRole('button', { name: 'Close chat' }).click();
    for (const page of pages) await launcher(page).waitFor();
    for (const page of pages) await setHidden(page, true);

    await agentSays(room, 'Before the freeze');
    await expect.poll(() => total(pages, 'notifications')).toBe(1);
    const records = await Promise.all(pages.map(recorded));
    const leader = pages[records.findIndex((record) => record.notifications.length === 1)] as Page;
    const rest = pages.filter((page) => page !== leader);

    // The deciding tab stops running (a paused debugger: frozen, its Web Lock kept).
    const cdp = await tabs.context.newCDPSession(leader);
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.pause');
    await agentSays(room, 'While it is frozen');
    for (const page of rest) await expect.poll(() => launcherName(page)).toBe('Open chat, 2 unread');
    await expect.poll(() => total(rest, 'notifications')).toBe(1);
    const next = rest[(await Promise.all(rest.map(recorded))).findIndex((r) => r.notifications.length === 1)];
    const last = rest.find((page) => page !== next) as Page;

    // The new deciding tab closes mid-conversation.
    await next?.close();
    await agentSays(room, 'After it closed');
    await expect.poll(() => launcherName(last)).toBe('Open chat, 3 unread');
    await expect
      .poll(async () => (await recorded(last)).notifications)
      .toContain(`${room}: Agent: After it closed`);
    await cdp.send('Debugger.resume');
    await expect.poll(() => launcherName(leader)).toBe('Open chat, 3 unread');
    const all = [leader, last];
    expect((await Promise.all(all.map(recorded))).flatMap((r) => r.notifications).sort()).toEqual(
      [`${room}: Agent: Before the freeze`, `${room}: Agent: After it closed`].sort(),
    );
  });

  it('stays silent without a click in the page, under reduced motion, and when the site asked for no sound', async () => {
    const cases = [
      { label: 'no click yet', kinds: 'sound title', reducedMotion: 'no-preference', click: false },
      { label: 'reduced motion', kinds: 'sound title', reducedMotion: 'reduce', click: true },
      { label: 'sound off', kinds: 'title', reducedMotion: 'no-preference', click: true },
    ] as const;
    for (const { label, kinds, reducedMotion, click } of cases) {
      const room = freshRoom('silent');
      // Opened and identified by the page, not by a click.
      const html = scriptPage(
        web,
        `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}" data-notifications="${kinds}" data-open`,
        '<button type="button">Page button</button>',
        `<script>window.OrgChat = function () { (OrgChat.q = OrgChat.q || []).push(arguments) };
OrgChat('identify', { name: 'Quiet Quinn' });</script>`,
      );
      const tabs = await visitorTabs(browser, html, { reducedMotion, init: [emulateVisibility, instrument] });
      const { page, errors } = await tabs.open();
      const warnings: string[] = [];
      page.on('console', (entry) => {
        if (entry.type() !== 'log') warnings.push(entry.text());
      });
      // Playwright's own calls into a page count as user gestures: until the message is in, this page
      // is only read through the DevTools protocol, without one.
      const cdp = await tabs.context.newCDPSession(page);
      const read = async <T>(expression: string): Promise<T> =>
        (await cdp.send('Runtime.evaluate', { expression, returnByValue: true, userGesture: false })).result
          .value as T;
      await expect
        .poll(() =>
          read<boolean>(`!!document.querySelector('org-chat-widget')?.shadowRoot?.querySelector('textarea')`),
        )
        .toBe(true);
      if (click) await page.getByRole('button', { name: 'Page button' }).click();
      await read('window.setPageHidden(true)');
      expect(await read<boolean>('navigator.userActivation.hasBeenActive')).toBe(click);
      await agentSays(room, `Unheard (${label})`);
      await expect.poll(() => read<string>('document.title')).toBe('(1) Shop');
      expect({ label, chimes: await read<number>('window.recorded.chimes') }).toEqual({ label, chimes: 0 });
      // No autoplay complaint either: without a gesture no AudioContext is even made.
      expect(warnings.filter((text) => /AudioContext/.test(text))).toEqual([]);
      expect(errors).toEqual([]);
    }
  });

  it('asks for notification permission only when the visitor clicks the bell', async () => {
    const room = freshRoom('permission');
    const html = scriptPage(
      web,
      `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}" data-notifications="system"`,
    );
    const tabs = await visitorTabs(browser, html, { origin: SECURE_THIRD_PARTY, init: [instrument] });
    const tab = await tabs.open();
    await joinAs(tab, 'Careful Cleo');
    const bell = tab.page.getByRole('button', { name: 'Notify me of replies' });
    await bell.waitFor();
    expect((await recorded(tab.page)).permissionAsks).toBe(0);
    await bell.click();
    await expect.poll(async () => (await recorded(tab.page)).permissionAsks).toBe(1);
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HarnessOptions } from './harness/fake-widget.js';
import { bundle, launchBrowser, messageIn, send, visitThirdParty } from './helpers.js';

// The widget's rendering on a fake client (e2e/harness): a long log, and states the real stack only
// reaches by accident (failed sends). No backend involved.
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const me = { id: 'me', name: 'Me', guest: true };
const grace = { id: 'grace', name: 'Grace', guest: true };
const ada = { id: 'ada', name: 'Ada', guest: true };

/** A page with the widget on a fake client holding `count` messages; the window open. */
async function harness(fake: HarnessOptions['fake'], options: Partial<HarnessOptions> = {}): Promise<Page> {
  // UTC and English: the fake's dates render the same on every machine.
  const html = '<!doctype html><title>harness</title><h1>Harness</h1>';
  const { page, errors } = await visitThirdParty(browser, html, { timezoneId: 'UTC', locale: 'en-US' });
  await page.addScriptTag({ content: await bundle('e2e/harness/fake-widget.ts') });
  await page.evaluate(
    (start) => {
      const win = window as unknown as {
        harness: { start(o: unknown): { driver: unknown } };
        driver: unknown;
      };
      win.driver = win.harness.start(start).driver;
    },
    { fake, ...options } as HarnessOptions,
  );
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  expect(errors).toEqual([]);
  return page;
}

describe('a log of a thousand messages', () => {
  it('renders only the newest rows, appends without touching the others, and reveals older ones on scroll', async () => {
    const page = await harness({ me, count: 1000, others: [grace, ada, me] });
    const rows = page.locator('li.row');
    await messageIn(page, 'Message number 999').waitFor();
    // The store holds all 1,000, the DOM the newest hundred (and day separators).
    const rendered = await rows.count();
    expect(rendered).toBeGreaterThanOrEqual(100);
    expect(rendered).toBeLessThan(110);

    // Rows far above the fold also skip layout and paint (content-visibility: auto); the newest do not.
    const skipped = await page.evaluate(() => {
      const root = document.querySelector('org-chat-widget')?.shadowRoot as ShadowRoot;
      const all = [...root.querySelectorAll('li.row')];
      // A row's own box stays; what a skipped row skips is its content.
      const visible = (row: Element) =>
        (row.lastElementChild as Element).checkVisibility({ contentVisibilityAuto: true });
      return { first: visible(all[1] as Element), last: visible(all.at(-1) as Element) };
    });
    expect(skipped).toEqual({ first: false, last: true });

    // A new message changes the DOM of its own row only: memoised rows are not re-rendered.
    await page.evaluate(() => {
      const root = document.querySelector('org-chat-widget')?.shadowRoot as ShadowRoot;
      const list = root.querySelector('[role=log] ol') as HTMLElement;
      const win = window as unknown as { changed: Set<Node>; observer: MutationObserver };
      win.changed = new Set();
      win.observer = new MutationObserver((records) => {
        for (const record of records) {
          const target = record.target instanceof Element ? record.target : record.target.parentElement;
          const row = target?.closest('li') ?? target;
          if (row && row !== list) win.changed.add(row);
          for (const node of record.addedNodes) win.changed.add(node);
        }
      });
      win.observer.observe(list, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.evaluate(() => {
      const win = window as unknown as { driver: { receive(user: unknown, text: string): void } };
      win.driver.receive({ id: 'grace', name: 'Grace', guest: true }, 'A brand new message');
    });
    await messageIn(page, 'A brand new message').waitFor();
    const changed = await page.evaluate(() => {
      const win = window as unknown as { changed: Set<Element>; observer: MutationObserver };
      win.observer.disconnect();
      return [...win.changed].map((node) => node.textContent ?? '');
    });
    expect(changed).toHaveLength(1);
    expect(changed[0]).toContain('A brand new message');
    // The reader was at the bottom, so the new message scrolled into view.
    await expect
      .poll(() =>
        page.getByRole('log').evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight < 48),
      )
      .toBe(true);
    // Scrolling up renders older rows from memory, a hundred at a time, down to the very first.
    const log = page.getByRole('log');
    await expect
      .poll(
        async () => {
          await log.evaluate((element) => element.scrollTo({ top: 0, behavior: 'instant' }));
          return log.getByText('This is the start of the conversation.').count();
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    await log.getByText('Message number 0', { exact: true }).waitFor();
    expect(await rows.count()).toBeGreaterThan(1000);
  });
});

describe('sending', () => {
  it('shows a failed message with its reason, retries it, and discards another', async () => {
    const page = await harness({ me, count: 3, others: [grace], failSends: true });
    await send(page, 'First try');
    const failed = messageIn(page, 'First try');
    await failed.getByText('Not sent').waitFor();
    await send(page, 'Second try');
    await messageIn(page, 'Second try').getByText('Not sent').waitFor();
    await messageIn(page, 'Second try').getByRole('button', { name: 'Discard' }).click();
    await messageIn(page, 'Second try').waitFor({ state: 'detached' });
    await failed.getByRole('button', { name: 'Retry' }).click();
    await failed.getByText('Not sent').waitFor({ state: 'detached' });
    await failed.locator('time').waitFor();
    expect(await messageIn(page, 'First try').count()).toBe(1);
  });

  it('keeps the newest message in view while the composer grows a line at a time', async () => {
    const page = await harness({ me, count: 40, others: [grace] });
    const newest = messageIn(page, 'Message number 39');
    await newest.waitFor();
    const box = page.getByRole('textbox', { name: 'Message' });
    const log = page.getByRole('log');
    const logHeight = async () => (await log.boundingBox())?.height ?? 0;
    const before = await logHeight();
    for (let line = 1; line <= 5; line++) {
      await box.pressSequentially(`line ${line}`);
      await box.press('Shift+Enter');
    }
    // The log did shrink, and its newest row still ends inside it.
    await expect.poll(logHeight).toBeLessThan(before - 40);
    await expect
      .poll(async () => {
        const [row, frame] = await Promise.all([newest.boundingBox(), log.boundingBox()]);
        return row && frame ? frame.y + frame.height - (row.y + row.height) : -1;
      })
      .toBeGreaterThanOrEqual(0);
  });

  it('counts characters near the 4,000 limit and stops there', async () => {
    const page = await harness({ me, count: 0, others: [grace] });
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('x'.repeat(3500));
    expect(await page.getByText('characters', { exact: false }).count()).toBe(0);
    await box.fill('x'.repeat(3700));
    await page.getByText('3700 of 4000 characters').waitFor();
    await box.fill('x'.repeat(4100));
    expect((await box.inputValue()).length).toBe(4000);
    await page.getByText('4000 of 4000 characters').waitFor();
  });

  it('shows who is typing, and the day of each run of messages', async () => {
    const page = await harness({ me, count: 3, others: [grace] });
    await page.evaluate(() => {
      const win = window as unknown as { driver: { typing(user: unknown): void } };
      win.driver.typing({ id: 'grace', name: 'Grace', guest: true });
      win.driver.typing({ id: 'ada', name: 'Ada', guest: true });
    });
    await page.getByText('Grace and Ada are typing…').waitFor();
    // The fake's messages are from 1 January 2026: one day separator above them.
    await page.getByRole('log').getByText('Thursday, January 1', { exact: false }).waitFor();
  });
});

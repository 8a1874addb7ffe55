import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StackUrls } from '../tests/stack-setup.js';
import { bundle, freshRoom, joinAs, launchBrowser, scriptPage, send, visitThirdParty } from './helpers.js';
import { auditInPage, CLEAN } from './shadow-audit.js';

// Every XSS vector, sent as a chat message through the real stack, must stay inert: no dialog ever
// opens, and nothing that could run script reaches the widget's shadow DOM.
const { web, http, ws }: StackUrls = inject('stack');
const fixtures = JSON.parse(
  readFileSync(new URL('./fixtures/xss-payloads.json', import.meta.url), 'utf8'),
) as {
  vectors: string[];
  markup: string[];
};
const ALL = [...fixtures.vectors, ...fixtures.markup];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Replaces alert, confirm and prompt with counters, before any script of the page runs. */
async function countDialogs(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counted = window as unknown as { dialogs: number } & Record<string, unknown>;
    counted.dialogs = 0;
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      counted[name] = () => {
        counted.dialogs++;
      };
    }
  });
}

/** Lets pending events (image errors, focus, loads) fire: two frames and a task, polled, not slept. */
function settle(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve)))),
  );
}

const dialogs = (page: Page) => page.evaluate(() => (window as unknown as { dialogs: number }).dialogs);

describe('XSS vectors in chat messages', () => {
  it('render inert, live and from history, with formatting on and off', async () => {
    const room = freshRoom('xss');
    const tag = (formatting: boolean) =>
      `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}"${formatting ? ' data-formatting' : ''}`;
    const sender = await visitThirdParty(browser, scriptPage(web, tag(true)), {}, countDialogs);
    const reader = await visitThirdParty(browser, scriptPage(web, tag(true)), {}, countDialogs);
    await joinAs(sender, 'Mallory');
    await joinAs(reader, 'Reader');

    for (const [index, vector] of ALL.entries()) await send(sender.page, `#${index} ${vector}`);
    // Every one stored (none pending) and delivered live to the reader.
    await expect.poll(() => reader.page.locator('li.row p').count(), { timeout: 60_000 }).toBe(ALL.length);
    await expect.poll(() => sender.page.locator('[data-client-id]').count(), { timeout: 60_000 }).toBe(0);

    // A visitor reading the same room from history, with formatting off: plain text only.
    const plain = await visitThirdParty(browser, scriptPage(web, tag(false)), {}, countDialogs);
    await joinAs(plain, 'Plain');
    // The first page holds the latest 50: scrolling to the top loads the rest.
    const log = plain.page.getByRole('log');
    await expect
      .poll(async () => {
        await log.evaluate((element) => element.scrollTo({ top: 0, behavior: 'instant' }));
        return plain.page.locator('li.row p').count();
      })
      .toBe(ALL.length);
    expect(await plain.page.locator('org-chat-widget .body').count()).toBe(0);
    // Text stays text: a vector's markup shows as written.
    await plain.page
      .getByRole('log')
      .getByText('#0 <b href="javascript:alert(1)"', { exact: false })
      .waitFor();

    for (const visitor of [sender, reader, plain]) {
      await settle(visitor.page);
      expect(await visitor.page.evaluate(auditInPage, 'org-chat-widget')).toEqual(CLEAN);
      expect(await dialogs(visitor.page)).toBe(0);
      expect(visitor.errors).toEqual([]);
    }
  });

  it('are defused by the sanitizer alone too (its allow-list, without the markup converter)', async () => {
    const html = '<!doctype html><title>sanitizer</title><div id="out"></div>';
    const { page } = await visitThirdParty(browser, html, {}, countDialogs);
    await page.addScriptTag({ content: await bundle('e2e/harness/sanitize-page.ts') });
    await page.evaluate((vectors) => {
      const out = document.getElementById('out') as HTMLElement;
      const shadow = out.attachShadow({ mode: 'open' });
      const sanitize = (window as unknown as { sanitize: (html: string) => string }).sanitize;
      for (const vector of vectors) {
        const body = document.createElement('p');
        body.className = 'body';
        body.innerHTML = sanitize(vector);
        shadow.append(body);
      }
    }, ALL);
    await settle(page);
    const findings = await page.evaluate(auditInPage, '#out');
    // Links the sanitizer kept are http(s) or mailto, with the rel and target of user content.
    expect(findings).toEqual(CLEAN);
    expect(await dialogs(page)).toBe(0);
  });
});

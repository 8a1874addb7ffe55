import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StackUrls } from '../tests/stack-setup.js';

// Browser tests: the CDN script on the demo page, driven in Chromium against the real local stack.
const { web }: StackUrls = inject('stack');
const APP_CHUNK = 'chat-widget-app.js';

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    // Debian's Chromium where it exists (playwright's own download is unavailable there).
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close(); // closes every context with it
});

interface Visit {
  page: Page;
  /** URLs of every request for the app chunk, in order. */
  appRequests: string[];
}

/** Opens `path` in a fresh context (its own storage: a separate visitor). */
async function visit(path = '/'): Promise<Visit> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const appRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith(`/${APP_CHUNK}`)) appRequests.push(request.url());
  });
  await page.goto(`${web}${path}`);
  return { page, appRequests };
}

/** Whether the control named `name` is the focused element of its (shadow) root. */
function isFocused(page: Page, name: string, role: 'button' | 'textbox') {
  return page
    .getByRole(role, { name })
    .evaluate((element) =>
      element.getRootNode() instanceof ShadowRoot
        ? (element.getRootNode() as ShadowRoot).activeElement === element
        : document.activeElement === element,
    );
}

/** Opens the chat from the launcher and joins as `name`; resolves once the message box is there. */
async function joinAs({ page, appRequests }: Visit, name: string): Promise<void> {
  const launcher = page.getByRole('button', { name: 'Open chat' });
  await launcher.waitFor();
  // The loader drew the launcher on its own: the chat window is only fetched on demand.
  expect(appRequests).toEqual([]);
  await launcher.click();
  const nameField = page.getByRole('textbox', { name: 'Your name' });
  await nameField.waitFor();
  expect(appRequests).toHaveLength(1);
  await expect.poll(() => isFocused(page, 'Your name', 'textbox')).toBe(true);
  await nameField.fill(name);
  await nameField.press('Enter');
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await expect.poll(() => isFocused(page, 'Message', 'textbox')).toBe(true);
}

/** The message in `page`'s log containing `text` (a list item: sender, time and text). */
function messageIn(page: Page, text: string) {
  return page.getByRole('log').getByRole('listitem').filter({ hasText: text });
}

describe('chat widget on the demo page', () => {
  it('lets two guests chat: Enter sends, Shift+Enter adds a line', async () => {
    const ada = await visit();
    const grace = await visit();
    await joinAs(ada, 'Ada');
    await joinAs(grace, 'Grace');

    const hello = `Hello from Ada ${Date.now()}`;
    const adaBox = ada.page.getByRole('textbox', { name: 'Message' });
    await adaBox.fill(hello);
    await adaBox.press('Enter');
    await messageIn(grace.page, hello).waitFor();
    expect(await messageIn(grace.page, hello).textContent()).toContain('Ada');
    expect(await messageIn(ada.page, hello).textContent()).toContain('Ada (you)');
    expect(await adaBox.inputValue()).toBe('');

    const graceBox = grace.page.getByRole('textbox', { name: 'Message' });
    await graceBox.pressSequentially('Hi Ada,');
    await graceBox.press('Shift+Enter');
    await graceBox.pressSequentially('nice to meet you');
    await graceBox.press('Enter');
    const answer = messageIn(ada.page, 'nice to meet you');
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Grace');
    expect(await answer.getByText(/Hi Ada,\nnice to meet you/).count()).toBe(1);
  });

  it('closes on Escape with focus back on the launcher, and remembers the name after a reload', async () => {
    const visitor = await visit();
    await joinAs(visitor, 'Linus');
    const { page } = visitor;
    await page.getByRole('textbox', { name: 'Message' }).press('Escape');
    await expect.poll(() => isFocused(page, 'Open chat', 'button')).toBe(true);
    expect(await page.getByRole('dialog').isHidden()).toBe(true);

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    // No name prompt this time: straight into the room, with the earlier message in the history.
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Your name' }).count()).toBe(0);
    await page.getByText('Chatting as Linus').waitFor();
    await page.getByRole('button', { name: 'Close chat' }).click();
    await expect.poll(() => isFocused(page, 'Open chat', 'button')).toBe(true);
  });

  it('shows the server’s refusal of a name next to the name field', async () => {
    const visitor = await visit();
    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    const nameField = visitor.page.getByRole('textbox', { name: 'Your name' });
    await nameField.fill('Eve\u202E');
    await nameField.press('Enter');
    const alert = visitor.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Name must not contain control characters.');
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('chat widget on a page with hostile CSS', () => {
  it('keeps its own look and leaves the page’s styles alone', async () => {
    const { page } = await visit('/third-party.html');
    const launcher = page.getByRole('button', { name: 'Open chat' });
    const launcherStyle = () =>
      launcher.evaluate((element) => {
        const style = getComputedStyle(element);
        const box = element.getBoundingClientRect();
        return { width: box.width, background: style.backgroundColor, border: style.borderStyle };
      });
    expect(await launcherStyle()).toEqual({ width: 56, background: 'rgb(79, 70, 229)', border: 'none' });

    await launcher.click();
    const nameField = page.getByRole('textbox', { name: 'Your name' });
    await nameField.waitFor();
    const fieldStyle = await nameField.evaluate((element) => {
      const style = getComputedStyle(element);
      return { borderTop: style.borderTopWidth, fontSize: style.fontSize, transform: style.textTransform };
    });
    // Tailwind's `border` (1px, made visible by the @property rewrite) and `text-sm` at 14px despite
    // the page's 62.5% root font size; the page's uppercase does not inherit through the host.
    expect(fieldStyle).toEqual({ borderTop: '1px', fontSize: '14px', transform: 'none' });
    const panelShadow = await page
      .getByRole('dialog')
      .evaluate((element) => getComputedStyle(element).boxShadow);
    expect(panelShadow).not.toBe('none');
    expect(panelShadow).not.toContain('255, 0, 0');

    // Nothing leaked out: the page's own button keeps the page's styles after the window's CSS loaded.
    const pageButton = await page
      .locator('#page-button')
      .evaluate((element) => getComputedStyle(element).borderTopStyle);
    expect(pageButton).toBe('dashed');
  });
});

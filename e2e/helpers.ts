import { existsSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
// @ts-expect-error: plain ES module without types, shared with the benchmarks.
import { bundle as bundleEntry } from './harness/bundle.mjs';

/** The CDN app chunk's file name (content-hashed): requests for it mean the chat window was loaded. */
export const APP_CHUNK = /\/chat-widget-app-[\w-]{8}\.js$/;
/** An origin of no real server: the tests fulfil its pages themselves (a third-party site). */
export const THIRD_PARTY = 'http://shop.test';

/** Launches Chromium: Debian's where it exists (playwright's own download is unavailable there). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The third-party pages are served by route interception, which Chromium counts as the public
      // internet: Local Network Access would then block their requests to the stack on localhost. On a
      // real site the widget's CDN and API are public too.
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
    ],
  });
}

/** A page in a fresh context (its own storage: a separate visitor) and the app chunk requests it made. */
export interface Visit {
  page: Page;
  /** URLs of every request for the app chunk, in order. */
  appRequests: string[];
  /** Every uncaught error of the page. */
  errors: Error[];
}

/** Opens `url` in a fresh context. */
export async function visit(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<Visit> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const appRequests: string[] = [];
  const errors: Error[] = [];
  page.on('request', (request) => {
    if (APP_CHUNK.test(request.url())) appRequests.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  return { page, appRequests, errors };
}

/**
 * Serves `html` as a page of THIRD_PARTY (another origin than the widget's CDN and API) in a fresh
 * context, and opens it.
 */
export async function visitThirdParty(
  browser: Browser,
  html: string,
  options: BrowserContextOptions = {},
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<Visit> {
  const context = await browser.newContext(options);
  await context.route(`${THIRD_PARTY}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: Error[] = [];
  const appRequests: string[] = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('request', (request) => {
    if (APP_CHUNK.test(request.url())) appRequests.push(request.url());
  });
  await beforeLoad?.(page);
  await page.goto(`${THIRD_PARTY}/`);
  return { page, appRequests, errors };
}

/** Another third-party origin, served like THIRD_PARTY; `*.localhost` is a secure context (Web Locks). */
export const SECURE_THIRD_PARTY = 'http://shop.localhost';

/** Tabs of one visitor: pages of one context (one browser profile), sharing storage and channels. */
export interface Tabs {
  context: BrowserContext;
  /** Opens another tab at `path` of the origin; resolves once it loaded. */
  open(path?: string): Promise<Visit & { requested: string[] }>;
}

/**
 * A fresh visitor whose tabs show `html` (any path) of `origin` (THIRD_PARTY by default: no Web Locks,
 * since it is not a secure context; SECURE_THIRD_PARTY has them). `init` runs in every tab before its
 * scripts (see `addInitScript`), in order.
 */
export async function visitorTabs(
  browser: Browser,
  html: string,
  {
    origin = THIRD_PARTY,
    init = [],
    ...options
  }: BrowserContextOptions & { origin?: string; init?: Array<() => void> } = {},
): Promise<Tabs> {
  const context = await browser.newContext(options);
  await context.route(`${origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  for (const script of init) await context.addInitScript(script);
  return {
    context,
    async open(path = '/') {
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const errors: Error[] = [];
      const appRequests: string[] = [];
      // Every URL the tab asked for, from before it loads: a request made early is never missed.
      const requested: string[] = [];
      page.on('pageerror', (error) => errors.push(error));
      page.on('request', (request) => {
        requested.push(request.url());
        if (APP_CHUNK.test(request.url())) appRequests.push(request.url());
      });
      await page.goto(`${origin}${path}`);
      return { page, appRequests, errors, requested };
    },
  };
}

/**
 * Lets a test hide and show a page: headless Chromium reports every page visible, so an init script
 * replaces `document.visibilityState` and `document.hidden` with values `window.setPageHidden(hidden)`
 * sets, firing `visibilitychange` as a browser does when the visitor switches tabs.
 */
export function emulateVisibility(): void {
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  Object.assign(window, {
    setPageHidden(next: boolean) {
      if (next === hidden) return;
      hidden = next;
      document.dispatchEvent(new Event('visibilitychange'));
    },
  });
}

/** Hides or shows `page` (see emulateVisibility). */
export function setHidden(page: Page, hidden: boolean): Promise<void> {
  return page.evaluate(
    (value) => (window as unknown as { setPageHidden(h: boolean): void }).setPageHidden(value),
    hidden,
  );
}

const bundles = new Map<string, Promise<string>>();

/** A test page's script, bundled once per test file from an entry under the repository root. */
export function bundle(entry: string, jsxImportSource = 'preact'): Promise<string> {
  const built = bundles.get(entry) ?? (bundleEntry(entry, { jsxImportSource }) as Promise<string>);
  bundles.set(entry, built);
  return built;
}

/** Whether the control named `name` is the focused element of its (shadow) root. */
export function isFocused(page: Page, name: string, role: 'button' | 'textbox') {
  return page
    .getByRole(role, { name })
    .evaluate((element) =>
      element.getRootNode() instanceof ShadowRoot
        ? (element.getRootNode() as ShadowRoot).activeElement === element
        : document.activeElement === element,
    );
}

/** Opens the chat from the launcher and joins as `name`; resolves once the message box is focused. */
export async function joinAs({ page }: Visit, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const nameField = page.getByRole('textbox', { name: 'Your name' });
  await nameField.fill(name);
  await nameField.press('Enter');
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await expect.poll(() => isFocused(page, 'Message', 'textbox')).toBe(true);
}

/** The message in `page`'s log containing `text` (a list item: sender, time and text). */
export function messageIn(page: Page, text: string) {
  return page.getByRole('log').getByRole('listitem').filter({ hasText: text });
}

/** Types `text` in the message box and sends it with Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** A room name no other test uses. */
export function freshRoom(prefix = 'e2e'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A third-party page with the CDN script tag; `attributes` are added to the tag as written. */
export function scriptPage(web: string, attributes: string, body = '', head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>${head}</head><body>
<main><h1>Shop</h1>${body}</main>
<script src="${web}/chat-widget.js" ${attributes} async></script></body></html>`;
}

import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StackUrls } from '../tests/stack-setup.js';
import {
  freshRoom,
  joinAs,
  launchBrowser,
  messageIn,
  scriptPage,
  send,
  THIRD_PARTY,
  visitThirdParty,
} from './helpers.js';

// The widget on a phone (touch, 390 px wide), against the real stack: text fields iOS does not zoom
// into, the window on the visual viewport (above the on-screen keyboard), safe-area insets, the page
// behind held still, and Back closing the window.
const { web, http, ws }: StackUrls = inject('stack');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };
const tag = (room: string) => `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}"`;
const COVER = '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">';
/** A long page whose html carries inline styles of its own, on the properties the lock sets. */
const LONG_PAGE = `<div style="height:4000px;background:linear-gradient(#fef3c7,#bfdbfe)">Long page</div>
<script>document.documentElement.style.overflow = 'auto';
document.documentElement.style.setProperty('overscroll-behavior', 'contain', 'important');</script>`;

/** Computed style `property` of the widget element found by `selector` in its shadow root. */
function styleOf(page: Page, selector: string, property: string): Promise<string> {
  return page.evaluate(
    ([css, name]) => {
      const element = document.querySelector('org-chat-widget')?.shadowRoot?.querySelector(css as string);
      return element ? getComputedStyle(element).getPropertyValue(name as string) : 'missing';
    },
    [selector, property],
  );
}

/** The visual viewport, and the boxes of the composer's text field and of the newest message. */
function layout(page: Page, newest: string) {
  return page.evaluate((text) => {
    const root = document.querySelector('org-chat-widget')?.shadowRoot as ShadowRoot;
    const box = (element: Element | null | undefined) => {
      const rect = (element as Element).getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
    };
    const rows = [...root.querySelectorAll('[role=log] li')];
    const { offsetTop, offsetLeft, width, height } = visualViewport as VisualViewport;
    return {
      viewport: { top: offsetTop, bottom: offsetTop + height, left: offsetLeft, right: offsetLeft + width },
      composer: box(root.querySelector('textarea')),
      newest: box(rows.find((row) => row.textContent?.includes(text))),
      log: box(root.querySelector('[role=log]')),
    };
  }, newest);
}

type Box = { top: number; bottom: number; left: number; right: number };
/** Whether `inner` lies inside `outer`, give or take a pixel of rounding. */
const inside = (inner: Box, outer: Box) =>
  inner.top >= outer.top - 1 &&
  inner.bottom <= outer.bottom + 1 &&
  inner.left >= outer.left - 1 &&
  inner.right <= outer.right + 1;

/**
 * Moves a finger from (x, y) by `dy` on the touch screen (negative: up, scrolling down): raw touch
 * events, which go through the browser's real gesture handling (synthesized scroll gestures of type
 * touch do not scroll anything in headless Chromium).
 */
async function swipe(cdp: CDPSession, x: number, y: number, dy: number): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let step = 1; step <= 15; step++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x, y: y + (step * dy) / 15 }],
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

describe('on a phone', () => {
  it('has text fields of 16 px, so iOS does not zoom in on focus (14 px with a mouse)', async () => {
    const room = freshRoom('fields');
    const phone = await visitThirdParty(browser, scriptPage(web, tag(room)), PHONE);
    await phone.page.getByRole('button', { name: 'Open chat' }).click();
    const nameField = phone.page.getByRole('textbox', { name: 'Your name' });
    expect(await nameField.evaluate((field) => getComputedStyle(field).fontSize)).toBe('16px');
    await nameField.fill('Thumbs');
    await nameField.press('Enter');
    const composer = phone.page.getByRole('textbox', { name: 'Message' });
    expect(await composer.evaluate((field) => getComputedStyle(field).fontSize)).toBe('16px');

    const desktop = await visitThirdParty(browser, scriptPage(web, tag(room)));
    await joinAs(desktop, 'Mouse');
    const desktopComposer = desktop.page.getByRole('textbox', { name: 'Message' });
    expect(await desktopComposer.evaluate((field) => getComputedStyle(field).fontSize)).toBe('14px');
  });

  it('keeps the composer and the newest message in view when the visual viewport shrinks', async () => {
    const visitor = await visitThirdParty(browser, scriptPage(web, tag(freshRoom('viewport'))), PHONE);
    const { page } = visitor;
    await joinAs(visitor, 'Keyboard Kim');
    for (let i = 1; i <= 12; i++) await send(page, `Line ${i} of a conversation long enough to scroll`);
    await messageIn(page, 'Line 12 of').waitFor();
    expect(
      inside((await layout(page, 'Line 12 of')).composer, (await layout(page, 'Line 12')).viewport),
    ).toBe(true);

    // The on-screen keyboard shrinks the visual viewport, not the layout one (iOS; Android Chrome since
    // 108). Headless Chromium has no keyboard: a zoomed-in visual viewport, panned down, is the same
    // geometry (smaller than the layout viewport and offset from its top), and fires the same events.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
    await page.mouse.move(100, 20); // over the header: nothing there scrolls, so the viewport pans
    await page.mouse.wheel(0, 300);
    await expect.poll(() => page.evaluate(() => visualViewport?.offsetTop ?? 0)).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const now = await layout(page, 'Line 12 of');
        return (
          inside(now.composer, now.viewport) &&
          inside(now.newest, now.viewport) &&
          inside(now.newest, now.log)
        );
      })
      .toBe(true);

    // A new message still lands in view, above the composer.
    await send(page, 'Line 13, typed with the keyboard up');
    await messageIn(page, 'Line 13').waitFor();
    await expect
      .poll(async () => {
        const now = await layout(page, 'Line 13');
        return inside(now.newest, now.viewport) && inside(now.newest, now.log);
      })
      .toBe(true);

    // Back to normal: the window fills the screen again.
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
    await expect
      .poll(() => page.getByRole('dialog').boundingBox())
      .toEqual({ x: 0, y: 0, width: 390, height: 844 });
  });

  it('keeps the page behind still while open, and gives back its scroll and styles on close', async () => {
    const visitor = await visitThirdParty(
      browser,
      scriptPage(web, tag(freshRoom('still')), LONG_PAGE),
      PHONE,
    );
    const { page } = visitor;
    const inline = () =>
      page.evaluate(() => [
        document.documentElement.getAttribute('style'),
        document.body.getAttribute('style'),
      ]);
    await page.evaluate(() => window.scrollTo(0, 600));
    const before = await inline();
    await joinAs(visitor, 'Still');
    await send(page, 'Hello from a still page');
    await messageIn(page, 'Hello from a still page').waitFor();
    const cdp = await page.context().newCDPSession(page);
    // Swipes on the header (nothing to scroll there), both ways, and up on the log (already at its end).
    await swipe(cdp, 195, 30, 300);
    await swipe(cdp, 195, 30, -25);
    await swipe(cdp, 195, 600, -300);
    expect(await page.evaluate(() => window.scrollY)).toBe(600);

    await page.getByRole('button', { name: 'Close chat' }).tap();
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await expect.poll(inline).toEqual(before);
    expect(await page.evaluate(() => window.scrollY)).toBe(600);
    await swipe(cdp, 195, 600, -300);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(600);
  });

  it('closes on Back, and leaves the page’s history as it was when closed otherwise', async () => {
    const visitor = await visitThirdParty(browser, scriptPage(web, tag(freshRoom('back'))), PHONE);
    const { page } = visitor;
    await page.goto(`${THIRD_PARTY}/shop`);
    await page.evaluate(() => history.replaceState({ route: 'shop' }, ''));
    await joinAs(visitor, 'Backer');
    await page.goBack();
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    expect(await page.getByRole('dialog').isHidden()).toBe(true);
    expect(page.url()).toBe(`${THIRD_PARTY}/shop`);
    expect(await page.evaluate(() => history.state)).toEqual({ route: 'shop' });

    // Opened again and closed by its button: no entry of ours left behind, so Back leaves the page.
    await page.getByRole('button', { name: 'Open chat' }).tap();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await page.getByRole('button', { name: 'Close chat' }).tap();
    await expect.poll(() => page.evaluate(() => history.state)).toEqual({ route: 'shop' });
    await page.goBack();
    expect(page.url()).toBe(`${THIRD_PARTY}/`);

    // Escape (a phone with a keyboard) closes it too.
    await page.goForward();
    await page.getByRole('button', { name: 'Open chat' }).tap();
    await page.getByRole('textbox', { name: 'Message' }).press('Escape');
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
  });

  it('keeps the header, composer and launcher clear of the notch and home indicator', async () => {
    const visitor = await visitThirdParty(
      browser,
      scriptPage(web, tag(freshRoom('notch')), '', COVER),
      PHONE,
    );
    const { page } = visitor;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setSafeAreaInsetsOverride', {
      insets: { top: 47, bottom: 34, left: 0, right: 0 },
    });
    const launcher = await page.getByRole('button', { name: 'Open chat' }).boundingBox();
    expect(844 - ((launcher?.y ?? 0) + (launcher?.height ?? 0))).toBe(20 + 34);
    await joinAs(visitor, 'Notch');
    expect(await styleOf(page, '[role=dialog] > header', 'padding-top')).toBe('47px');
    expect(await styleOf(page, 'form.composer', 'padding-bottom')).toBe('34px');
  });
});

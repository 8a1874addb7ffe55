import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FrameClient } from '../tests/helpers.js';
import type { StackUrls } from '../tests/stack-setup.js';
import { freshRoom, isFocused, joinAs, launchBrowser, scriptPage, send, visitThirdParty } from './helpers.js';

// Accessibility: axe-core on every state of the widget, keyboard-only use, a phone-sized screen and
// reduced motion, in Chromium against the real stack.
const { web, http, ws }: StackUrls = inject('stack');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const tag = (room: string, extra = '') =>
  `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}" ${extra}`;

/** axe-core's WCAG 2.0–2.2 A and AA violations in the widget (its shadow tree included). */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const host = document.querySelector('org-chat-widget') as HTMLElement;
    // The panel fades in: contrast is judged on the settled colours.
    await Promise.all(host.shadowRoot?.getAnimations().map((animation) => animation.finished) ?? []);
    const result = await axe.run(host, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  });
}

/** Waits for every animation in the widget's shadow tree to finish. */
function settledAnimations(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const root = document.querySelector('org-chat-widget')?.shadowRoot;
    await Promise.all(root?.getAnimations().map((animation) => animation.finished) ?? []);
  });
}

/** The focused element inside the widget: its role-ish description, for keyboard assertions. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.querySelector('org-chat-widget')?.shadowRoot
      ?.activeElement as HTMLElement | null;
    if (!element) return `page:${document.activeElement?.tagName.toLowerCase()}`;
    const label = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
    return `${element.tagName.toLowerCase()}:${element.getAttribute('role') ?? ''}:${label}`;
  });
}

describe('accessibility', () => {
  it('has no axe violations: launcher, name prompt, chat (light and dark), unread badge', async () => {
    const room = freshRoom('axe');
    for (const colorScheme of ['light', 'dark'] as const) {
      const visitor = await visitThirdParty(browser, scriptPage(web, tag(room, 'data-formatting')), {
        colorScheme,
      });
      const { page } = visitor;
      await page.getByRole('button', { name: 'Open chat' }).waitFor();
      expect(await violations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Open chat' }).click();
      await page.getByRole('textbox', { name: 'Your name' }).waitFor();
      expect(await violations(page)).toEqual([]);
      await page.getByRole('textbox', { name: 'Your name' }).fill(`Axe ${colorScheme}`);
      await page.getByRole('textbox', { name: 'Your name' }).press('Enter');
      await page.getByRole('textbox', { name: 'Message' }).waitFor();
      await send(page, `Hello with **bold**, \`code\` and https://example.com/${colorScheme}`);
      await page.getByRole('link', { name: `https://example.com/${colorScheme}` }).waitFor();
      // The counter near the length limit is part of the checked state too.
      await page.getByRole('textbox', { name: 'Message' }).fill('x'.repeat(3700));
      expect(await violations(page)).toEqual([]);
      // Closed again, with a message from someone else on the launcher's badge.
      await page.getByRole('textbox', { name: 'Message' }).press('Escape');
      const other = await FrameClient.connect({ http, ws }, 'Other');
      await other.request({ action: 'join', room, ref: 'j' });
      await other.request({
        action: 'send',
        room,
        text: 'Psst',
        id: `psst-${colorScheme}-${room}`,
        ref: 's',
      });
      other.close();
      await page.getByRole('button', { name: 'Open chat, 1 unread' }).waitFor();
      expect(await violations(page)).toEqual([]);
    }
  });

  it('works by keyboard alone, with focus visible, into the window on open and back on Escape', async () => {
    const room = freshRoom('keys');
    const visitor = await visitThirdParty(
      browser,
      scriptPage(web, tag(room), '<button type="button">Page button</button>'),
    );
    const { page } = visitor;
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('page:button');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button::Open chat');
    const outline = await page
      .getByRole('button', { name: 'Open chat' })
      .evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).toBe('solid');

    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(page, 'Your name', 'textbox')).toBe(true);
    await page.keyboard.type('Keyboard Kim');
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(page, 'Message', 'textbox')).toBe(true);
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await page.getByRole('log').getByText('Typed without a mouse').waitFor();

    // Back through the window: the message's menu button (once it is stored), the log (scrollable by
    // keys) and the header's Close button.
    await page.getByRole('button', { name: /^Actions: Keyboard Kim, / }).waitFor();
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatch(/^button::Actions: Keyboard Kim, /);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatch(/^div:log:Messages in /);
    await page.keyboard.press('Shift+Tab');
    const close = await focused(page);
    expect(close).toBe('button::Close chat');
    const closeOutline = await page
      .getByRole('button', { name: 'Close chat' })
      .evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(closeOutline).toBe('solid');

    await page.keyboard.press('Escape');
    await expect.poll(() => isFocused(page, 'Open chat', 'button')).toBe(true);
    expect(await page.getByRole('dialog').isHidden()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(page, 'Message', 'textbox')).toBe(true);
    for (let step = 0; step < 3; step++) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter'); // the Close button
    await expect.poll(() => isFocused(page, 'Open chat', 'button')).toBe(true);
  });

  it('fills a phone’s screen, hides the launcher while open, and closes from the header', async () => {
    const viewport = { width: 375, height: 667 };
    const visitor = await visitThirdParty(browser, scriptPage(web, tag(freshRoom('phone'))), {
      viewport,
      isMobile: true,
      hasTouch: true,
    });
    const { page } = visitor;
    await joinAs(visitor, 'Phone');
    // The panel slides in (transform): its box is only the screen's once the animation has finished.
    await settledAnimations(page);
    const box = await page.getByRole('dialog').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, ...viewport });
    expect(await page.getByRole('button', { name: 'Minimize chat' }).isHidden()).toBe(true);
    await send(page, 'From a phone');
    await page.getByRole('log').getByText('From a phone').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Close chat' }).tap();
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    expect(await page.getByRole('dialog').isHidden()).toBe(true);

    // Above 640 px it is a floating panel again.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('button', { name: 'Open chat' }).click();
    await settledAnimations(page);
    const panel = await page.getByRole('dialog').boundingBox();
    expect(panel?.width).toBe(384);
    expect((panel?.x ?? 0) + (panel?.width ?? 0)).toBe(1024 - 20);
  });

  it('animates the panel only without prefers-reduced-motion', async () => {
    const animation = async (reducedMotion: 'reduce' | 'no-preference') => {
      const { page } = await visitThirdParty(browser, scriptPage(web, tag(freshRoom('motion'))), {
        reducedMotion,
      });
      await page.getByRole('button', { name: 'Open chat' }).click();
      return page.getByRole('dialog').evaluate((element) => getComputedStyle(element).animationName);
    };
    expect(await animation('no-preference')).toBe('panel-in');
    expect(await animation('reduce')).toBe('none');
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StackUrls } from '../tests/stack-setup.js';
import {
  freshRoom,
  isFocused,
  joinAs,
  launchBrowser,
  messageIn,
  scriptPage,
  send,
  visit,
  visitThirdParty,
} from './helpers.js';

// Browser tests: the CDN script on the demo page, driven in Chromium against the real local stack.
const { web, http, ws }: StackUrls = inject('stack');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close(); // closes every context with it
});

describe('chat widget on the demo page', () => {
  it('lets two guests chat: Enter sends, Shift+Enter adds a line, typing shows, unread counts', async () => {
    const ada = await visit(browser, web);
    const grace = await visit(browser, web);
    // The loader drew the launcher on its own: the chat window is only fetched on demand.
    await ada.page.getByRole('button', { name: 'Open chat' }).waitFor();
    expect(ada.appRequests).toEqual([]);
    await joinAs(ada, 'Ada');
    expect(ada.appRequests).toHaveLength(1);
    await joinAs(grace, 'Grace');

    const hello = `Hello from Ada ${Date.now()}`;
    await send(ada.page, hello);
    await messageIn(grace.page, hello).waitFor();
    expect(await messageIn(grace.page, hello).textContent()).toContain('Ada');
    expect(await messageIn(ada.page, hello).textContent()).toContain('Ada (you)');
    expect(await ada.page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('');

    // Grace types: Ada sees it, until Grace's message arrives.
    const graceBox = grace.page.getByRole('textbox', { name: 'Message' });
    await graceBox.pressSequentially('Hi Ada,');
    await ada.page.getByText('Grace is typing…').waitFor();
    await graceBox.press('Shift+Enter');
    await graceBox.pressSequentially('nice to meet you');
    await graceBox.press('Enter');
    const answer = messageIn(ada.page, 'nice to meet you');
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Grace');
    expect(await answer.getByText(/Hi Ada,\nnice to meet you/).count()).toBe(1);
    await ada.page.getByText('Grace is typing…').waitFor({ state: 'detached' });

    // Grace closes the window: Ada's next two messages show as unread on her launcher.
    await graceBox.press('Escape');
    await send(ada.page, 'Are you there?');
    await send(ada.page, 'Hello?');
    const unread = grace.page.getByRole('button', { name: 'Open chat, 2 unread' });
    await unread.waitFor();
    await unread.click();
    await messageIn(grace.page, 'Hello?').waitFor();
    await grace.page.getByRole('button', { name: 'Minimize chat' }).waitFor();
    expect(await grace.page.getByRole('button', { name: /unread/ }).count()).toBe(0);
  });

  it('closes on Escape with focus back on the launcher, and remembers the guest after a reload', async () => {
    const visitor = await visit(browser, web);
    await joinAs(visitor, 'Linus');
    const { page } = visitor;
    await send(page, 'Before the reload');
    await messageIn(page, 'Before the reload').getByText('Linus (you)').waitFor();
    await page.getByRole('textbox', { name: 'Message' }).press('Escape');
    await expect.poll(() => isFocused(page, 'Open chat', 'button')).toBe(true);
    expect(await page.getByRole('dialog').isHidden()).toBe(true);

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    // No name prompt this time: straight into the room as the same guest, own messages still own.
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Your name' }).count()).toBe(0);
    await page.getByText('Chatting as Linus').waitFor();
    await messageIn(page, 'Before the reload').getByText('Linus (you)').waitFor();
    await page.getByRole('button', { name: 'Close chat' }).click();
    await expect.poll(() => isFocused(page, 'Open chat', 'button')).toBe(true);
  });

  it('shows the server’s refusal of a name next to the name field', async () => {
    const visitor = await visit(browser, web);
    await visitor.page.getByRole('button', { name: 'Open chat' }).click();
    const nameField = visitor.page.getByRole('textbox', { name: 'Your name' });
    await nameField.fill('Eve\u202E');
    await nameField.press('Enter');
    const alert = visitor.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Name must not contain control characters.');
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
  });

  it('formats links, bold and code when formatting is on, with safe link attributes', async () => {
    const visitor = await visit(browser, web);
    await joinAs(visitor, 'Formatter');
    const text = `**Bold** and \`code\` at https://example.com/docs. ${Date.now()}`;
    await send(visitor.page, text);
    const row = messageIn(visitor.page, 'example.com/docs');
    const link = row.getByRole('link', { name: 'https://example.com/docs' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://example.com/docs');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    expect(await row.locator('strong').textContent()).toBe('Bold');
    expect(await row.locator('code').textContent()).toBe('code');
  });
});

describe('a long conversation', () => {
  it('loads older messages when the reader scrolls to the top, keeping their place', async () => {
    // 70 messages from a raw protocol client: more than the 50 the widget shows on joining.
    const { FrameClient } = await import('../tests/helpers.js');
    const room = freshRoom('older');
    const seeder = await FrameClient.connect({ http, ws }, 'Seeder');
    await seeder.request({ action: 'join', room, ref: 'j' });
    for (let i = 1; i <= 70; i++) {
      await seeder.request({
        action: 'send',
        room,
        text: `Seed ${i}`,
        id: `seed-${room}-${i}`,
        ref: `s${i}`,
      });
    }
    seeder.close();

    const visitor = await visitThirdParty(
      browser,
      scriptPage(web, `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}"`),
    );
    await joinAs(visitor, 'Reader');
    const { page } = visitor;
    await messageIn(page, 'Seed 70').waitFor();
    expect(await messageIn(page, 'Seed 20').count()).toBe(0);
    const log = page.getByRole('log');
    await log.evaluate((element) => element.scrollTo({ top: 0, behavior: 'instant' }));
    await log.getByText('Seed 1', { exact: true }).waitFor();
    await log.getByText('This is the start of the conversation.').waitFor();
    // The reader stays where they were (at Seed 21, the oldest they had), not thrown to Seed 1.
    const offset = await log.getByText('Seed 21', { exact: true }).evaluate((body) => {
      const element = body.closest('[role=log]') as HTMLElement;
      return body.getBoundingClientRect().top - element.getBoundingClientRect().top;
    });
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(await log.evaluate((element) => element.clientHeight));
  });
});

// Issue 14 item 4 in Chromium against the real stack: a guest writes, signs up in the widget, and
// everyone (history included) sees one person with the account's name; signing out then starts a new
// guest in the same page, without a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StackUrls } from '../tests/stack-setup.js';
import { accountAttributes, confirmationCode } from './cognito-local.js';
import {
  freshRoom,
  joinAs,
  launchBrowser,
  messageIn,
  scriptPage,
  send,
  type Visit,
  visitThirdParty,
} from './helpers.js';

const { web, http }: StackUrls = inject('stack');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** The sender names shown in a page's log, top to bottom (a run of one sender's messages shows one). */
const senders = (page: Page) => page.getByRole('log').locator('li span.font-medium').allTextContents();

/** How many messages of the log carry a Guest badge. */
const guestBadges = (page: Page) =>
  page.getByRole('log').getByRole('listitem').getByText('Guest', { exact: true }).count();

/** The guest id the SDK keeps for this page's stack, if any. */
const storedGuestId = (page: Page) =>
  page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as { user: { id: string } }).user.id : undefined;
  }, `org-chat:guest:${http}`);

/** Joins a room's page as a guest named `name`. */
async function guestIn(room: string, name: string): Promise<Visit> {
  const visit = await visitThirdParty(browser, scriptPage(web, accountAttributes(room)));
  await joinAs(visit, name);
  return visit;
}

describe('a guest who signs up', () => {
  it('is one person with the account’s name to everyone, history included; signing out starts a new guest', async () => {
    const room = freshRoom('guest-account');
    const ada = await guestIn(room, 'Ada');
    await send(ada.page, 'Written as a guest');
    await messageIn(ada.page, 'Written as a guest').locator('time').waitFor();
    const guestId = await storedGuestId(ada.page);
    expect(guestId).toMatch(/^guest_/);

    const bob = await guestIn(room, 'Bob');
    await messageIn(bob.page, 'Written as a guest').waitFor();
    expect(await senders(bob.page)).toEqual(['Ada']);
    expect(await guestBadges(bob.page)).toBe(1);
    await bob.page.getByText('Chatting as Bob · 2 online').waitFor();

    // Ada signs up from the chat window, without leaving the room.
    const email = `guest-account-${Date.now()}@example.com`;
    const { page } = ada;
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('What you wrote as a guest will show under your account.').waitFor();
    await page.getByRole('button', { name: 'No account yet? Create one' }).click();
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ada Lovelace');
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password').fill('Correct-Horse-9-Battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`We sent a code to ${email}.`).waitFor();
    await page.getByRole('textbox', { name: 'Confirmation code' }).fill(await confirmationCode(email));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Chatting as Ada Lovelace').waitFor();

    // Her own log: what she wrote as a guest is hers, under the account's name.
    await expect.poll(() => senders(page)).toEqual(['Ada Lovelace (you)']);
    expect(await guestBadges(page)).toBe(0);
    // The guest is retired in this browser: its token is gone.
    expect(await storedGuestId(page)).toBeUndefined();

    // Bob, live: the same message now from Ada Lovelace; still two people here.
    await expect.poll(() => senders(bob.page)).toEqual(['Ada Lovelace']);
    expect(await guestBadges(bob.page)).toBe(0);
    await send(page, 'Written with my account');
    await messageIn(bob.page, 'Written with my account').waitFor();
    // One sender: the account's message joins the run of the guest's, under one name.
    expect(await senders(bob.page)).toEqual(['Ada Lovelace']);
    await bob.page.getByText('Chatting as Bob · 2 online').waitFor();

    // A newcomer's history shows the same: one person, the account's name, no Guest badge.
    const carol = await guestIn(room, 'Carol');
    await messageIn(carol.page, 'Written with my account').waitFor();
    expect(await senders(carol.page)).toEqual(['Ada Lovelace']);
    expect(await guestBadges(carol.page)).toBe(0);
    expect(await messageIn(carol.page, 'Written as a guest').count()).toBe(1);

    // Signing out: back to the guest prompt in the same page, then a new guest, not the old one.
    await page.getByRole('button', { name: 'Sign out' }).click();
    const nameField = page.getByRole('textbox', { name: 'Your name' });
    await nameField.waitFor();
    expect(await nameField.inputValue()).toBe('');
    await nameField.fill('Someone else');
    await nameField.press('Enter');
    await page.getByText('Chatting as Someone else').waitFor();
    const newGuest = await storedGuestId(page);
    expect(newGuest).toMatch(/^guest_/);
    expect(newGuest).not.toBe(guestId);
    // The account's messages are not this guest's.
    await messageIn(page, 'Written with my account').waitFor();
    expect(await senders(page)).toEqual(['Ada Lovelace']);
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(stored).not.toContain('refreshToken');
    for (const visit of [ada, bob, carol]) expect(visit.errors).toEqual([]);
  });
});

// The widget's moderation (issue 13, item 8), in Chromium against the real local stack: the message
// menu by keyboard and with axe, authors editing and deleting, a moderator (named by the room's owner
// through the stack) deleting, muting and banning, and what visitors see: tombstones, "edited", muted
// until…, slow mode's wait, a held message, refusals in words.
import type { ServerFrame } from '@org/chat-sdk/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectWithToken, FrameClient, signedInUser, type UserTokens } from '../tests/helpers.js';
import type { StackUrls } from '../tests/stack-setup.js';
import { axeViolations } from './axe.js';
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

const { web, http, ws, cognito: cognitoUrl }: StackUrls = inject('stack');
const pool = inject('cognito');

let browser: Browser;
let owner: UserTokens;
let moderator: UserTokens;
const clients: FrameClient[] = [];

beforeAll(async () => {
  [browser, owner, moderator] = await Promise.all([
    launchBrowser(),
    signedInUser(cognitoUrl, pool, undefined, 'Olive Owner'),
    signedInUser(cognitoUrl, pool, undefined, 'Mo Moderator'),
  ]);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await browser?.close();
});

const tag = (room: string, extra = '') =>
  `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}" ${extra}`;

let refs = 0;
/** Sends a frame with a fresh ref over a raw client and returns the answer, which must be an ack. */
async function ack(client: FrameClient, frame: Record<string, unknown>): Promise<ServerFrame> {
  const answer = await client.request({ ...frame, ref: `e2e-mod-${++refs}` });
  expect(answer, JSON.stringify(answer)).toMatchObject({ type: 'ack' });
  return answer;
}

/** A public room the owner created, with `moderator` named as its moderator; the owner's raw client. */
async function moderatedRoom(prefix: string): Promise<{ room: string; boss: FrameClient }> {
  const room = freshRoom(prefix);
  const boss = await connectWithToken(ws, owner.idToken);
  clients.push(boss);
  await ack(boss, { action: 'create', room, visibility: 'public' });
  await ack(boss, { action: 'set_role', room, user: moderator.sub, role: 'moderator' });
  await ack(boss, { action: 'join', room });
  return { room, boss };
}

/** A guest's page in the room, signed in with `name` (the message box has focus). */
async function guestIn(room: string, name: string, extra = ''): Promise<Visit> {
  const visitor = await visitThirdParty(browser, scriptPage(web, tag(room, extra)));
  await joinAs(visitor, name);
  return visitor;
}

/** The moderator's page in the room, signed in by the page itself (identify with the user's token). */
async function moderatorIn(room: string): Promise<Page> {
  const head = `<script>
window.OrgChat = window.OrgChat || function () { (OrgChat.q = OrgChat.q || []).push(arguments); };
OrgChat('identify', { getToken: () => '${moderator.idToken}' });
</script>`;
  const { page } = await visitThirdParty(browser, scriptPage(web, tag(room), '', head));
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByText('Chatting as Mo Moderator').waitFor();
  return page;
}

/** The menu button of the message containing `text`. */
const menuButton = (page: Page, text: string) =>
  messageIn(page, text).getByRole('button', { name: /^Actions: / });

/** Opens the menu of the message containing `text` and chooses `item`. */
async function choose(page: Page, text: string, item: string): Promise<void> {
  await openMenu(page, text);
  await page.getByRole('menuitem', { name: item }).click();
}

/** Opens the menu of the message containing `text` with a click; resolves once it shows. */
async function openMenu(page: Page, text: string): Promise<void> {
  await menuButton(page, text).click();
  await page.getByRole('menu').waitFor();
}

/** The focused element of the widget: `tag:role:name`, for keyboard assertions. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.querySelector('org-chat-widget')?.shadowRoot;
    const element = root?.activeElement as HTMLElement | null | undefined;
    if (!element) return 'none';
    const name = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
    return `${element.tagName.toLowerCase()}:${element.getAttribute('role') ?? ''}:${name}`;
  });
}

/** What the pending row of `text` (own, not stored) says under its bubble. */
const pendingNote = (page: Page, text: string) =>
  page.locator('[data-client-id]').filter({ hasText: text }).locator('span, div').last();

describe('the message menu', () => {
  it('works by keyboard alone: arrows, Home and End, Escape back to its button, Tab on; axe finds nothing', async () => {
    const room = freshRoom('menu-keys');
    const grace = await FrameClient.connect({ http, ws }, 'Grace');
    clients.push(grace);
    await ack(grace, { action: 'join', room });
    await ack(grace, { action: 'send', room, text: 'Hello from Grace', id: `grace-${room}` });
    const visitor = await guestIn(room, 'Kim');
    const { page } = visitor;
    await messageIn(page, 'Hello from Grace').waitFor();
    await send(page, 'My own words');
    await messageIn(page, 'My own words').getByRole('button').waitFor();

    // From the message box, Shift+Tab reaches the newest message's menu button: its name says whose.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatch(/^button::Actions: Kim, \d{2}:\d{2}( [AP]M)?$/);
    const button = menuButton(page, 'My own words');
    expect(await button.getAttribute('aria-haspopup')).toBe('menu');
    expect(await button.getAttribute('aria-expanded')).toBeNull();

    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getAttribute('aria-label')).toBe(await button.getAttribute('aria-label'));
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Edit', 'Delete']);
    await expect.poll(() => focused(page)).toBe('button:menuitem:Edit');
    expect(await axeViolations(page)).toEqual([]);
    for (const [key, item] of [
      ['ArrowDown', 'Delete'],
      ['ArrowDown', 'Edit'], // wraps around
      ['ArrowUp', 'Delete'],
      ['Home', 'Edit'],
      ['End', 'Delete'],
    ] as const) {
      await page.keyboard.press(key);
      expect(await focused(page), key).toBe(`button:menuitem:${item}`);
    }

    // Escape closes the menu only (not the chat window), with focus back on the button.
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatch(/^button::Actions: Kim/);
    expect(await button.getAttribute('aria-expanded')).toBeNull();
    expect(await page.getByRole('dialog', { name: /^Chat/ }).isVisible()).toBe(true);

    // A dialog from the menu: labelled, focus inside, Escape back to the button; axe finds nothing.
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('button:menuitem:Edit');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Edit your message' });
    await dialog.waitFor();
    expect(await focused(page)).toBe('textarea::');
    expect(await dialog.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('My own words');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    // The dialog closes at once; focus goes back when it has told so (its `close` event).
    await expect.poll(() => focused(page)).toMatch(/^button::Actions: Kim/);
    expect(await dialog.count()).toBe(0);
    expect(await page.getByRole('dialog', { name: /^Chat/ }).isVisible()).toBe(true);

    // Another participant's message offers a report; Tab closes the menu and moves on from its button.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toMatch(/^button::Actions: Grace/);
    await page.keyboard.press('Space');
    await menu.waitFor();
    expect(await page.getByRole('menu').getByRole('menuitem').allTextContents()).toEqual(['Report']);
    await page.keyboard.press('Tab');
    await menu.waitFor({ state: 'detached' });
    expect(await focused(page)).toMatch(/^button::Actions: Kim/);

    // The page closing the window closes a dialog left open in it.
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Edit' }).press('Enter');
    await dialog.waitFor();
    await page.evaluate(() => (window as unknown as { OrgChat: (command: string) => void }).OrgChat('close'));
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await expect.poll(() => page.locator('dialog').count()).toBe(0);
    expect(visitor.errors).toEqual([]);
  });
});

describe('authors', () => {
  it('edit and delete their own message: everyone sees it change in place, live and in history', async () => {
    const room = freshRoom('author');
    const author = await guestIn(room, 'Ada');
    const reader = await guestIn(room, 'Bob');
    await send(author.page, 'teh typo');
    await send(author.page, 'a later message');
    await messageIn(reader.page, 'a later message').waitFor();
    const texts = (page: Page) => page.getByRole('log').getByRole('listitem').allTextContents();

    await choose(author.page, 'teh typo', 'Edit');
    const box = author.page.getByRole('dialog', { name: 'Edit your message' }).getByRole('textbox');
    await box.fill('the typo, fixed');
    await box.press('Enter');
    for (const page of [author.page, reader.page]) {
      const row = messageIn(page, 'the typo, fixed');
      await row.waitFor();
      expect(await row.textContent()).toContain('edited');
      // Still before the later message: an edit keeps its position.
      const rows = await texts(page);
      const at = rows.findIndex((text) => text.includes('the typo, fixed'));
      expect(at).toBeGreaterThan(-1);
      expect(at).toBeLessThan(rows.findIndex((text) => text.includes('a later message')));
    }

    await choose(author.page, 'the typo, fixed', 'Delete');
    const confirm = author.page.getByRole('dialog', { name: 'Delete this message?' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    for (const page of [author.page, reader.page]) {
      await expect
        .poll(async () => (await texts(page)).some((text) => text.includes('the typo')))
        .toBe(false);
      const tombstone = messageIn(page, 'Message deleted');
      await tombstone.waitFor();
      // Nothing to act on in a tombstone.
      expect(await tombstone.getByRole('button').count()).toBe(0);
      const rows = await texts(page);
      expect(rows.findIndex((text) => text.includes('Message deleted'))).toBeLessThan(
        rows.findIndex((text) => text.includes('a later message')),
      );
    }
    // The focus went to the log, the message having gone.
    expect(await focused(author.page)).toMatch(/^div:log:/);

    // History shows the tombstone too: a newcomer loads it.
    const newcomer = await guestIn(room, 'Cy');
    await messageIn(newcomer.page, 'a later message').waitFor();
    await messageIn(newcomer.page, 'Message deleted').waitFor();
    expect((await texts(newcomer.page)).some((text) => text.includes('the typo'))).toBe(false);
  });
});

describe('moderators', () => {
  it('delete another’s message, mute its author (told until when) and ban another (removed, refused)', async () => {
    const { room } = await moderatedRoom('mod-ui');
    const spammer = await guestIn(room, 'Spammer');
    const heckler = await guestIn(room, 'Heckler');
    const mod = await moderatorIn(room);

    await send(spammer.page, 'first spam');
    await openMenu(mod, 'first spam');
    expect(await mod.getByRole('menu').getByRole('menuitem').allTextContents()).toEqual([
      'Delete',
      'Report',
      'Mute Spammer',
      'Ban Spammer',
    ]);
    await mod.getByRole('menuitem', { name: 'Delete' }).click();
    const deleting = mod.getByRole('dialog', { name: 'Delete this message?' });
    await deleting.getByRole('textbox', { name: 'Reason (optional)' }).fill('spam');
    await deleting.getByRole('button', { name: 'Delete' }).click();
    for (const page of [mod, spammer.page, heckler.page]) await messageIn(page, 'Message deleted').waitFor();

    await send(spammer.page, 'second spam');
    await choose(mod, 'second spam', 'Mute Spammer');
    const muting = mod.getByRole('dialog', { name: 'Mute Spammer' });
    expect(await axeViolations(mod)).toEqual([]);
    await muting.getByRole('combobox', { name: 'For how long' }).selectOption({ label: '10 minutes' });
    await muting.getByRole('textbox', { name: 'Reason (optional)' }).fill('cool off');
    await muting.getByRole('button', { name: 'Mute Spammer' }).click();
    const done = muting.getByRole('button', { name: 'Done' });
    await done.waitFor();
    expect(await muting.textContent()).toContain('Spammer is muted.');
    await done.click();
    await expect.poll(() => focused(mod)).toMatch(/^button::Actions: Spammer/);

    // The muted visitor is told, above the message box, until when and why; a send is refused so.
    const notice = spammer.page.getByRole('status').filter({ hasText: /^You are muted until .+: you can/ });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /^You are muted until .+: you can read, but not send messages\. Reason: cool off$/,
    );
    await send(spammer.page, 'let me speak');
    await expect
      .poll(() => pendingNote(spammer.page, 'let me speak').textContent())
      .toMatch(/^Not sent: You are muted until .+: you can read, but not send messages\.$/);

    // A ban: the heckler's window goes back to the prompt saying so, and joining again is refused,
    // saying until when.
    await send(heckler.page, 'heckle');
    await choose(mod, 'heckle', 'Ban Heckler');
    const banning = mod.getByRole('dialog', { name: 'Ban Heckler' });
    await banning.getByRole('combobox', { name: 'For how long' }).selectOption({ label: '1 day' });
    await banning.getByRole('button', { name: 'Ban Heckler' }).click();
    await banning.getByText('Heckler is banned.').waitFor();
    await heckler.page.getByText('You are banned from this conversation.', { exact: true }).waitFor();
    await heckler.page.getByRole('textbox', { name: 'Your name' }).press('Enter');
    await heckler.page.getByText(/^You are banned from this conversation until .+\.$/).waitFor();
    expect(await heckler.page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
  });
});

describe('what visitors see', () => {
  it('slow mode’s wait, a held message, and refusals in words rather than the server’s English', async () => {
    const { room, boss } = await moderatedRoom('states');
    await ack(boss, { action: 'room_settings', room, slowModeSeconds: 30 });
    const visitor = await guestIn(room, 'Vic');
    const { page } = visitor;
    const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
    await status('Slow mode: one message every 30 s.').waitFor();
    await send(page, 'one');
    await messageIn(page, 'one').waitFor();
    await status(/^Slow mode: wait \d+ s\.$/).waitFor();
    await send(page, 'two, too soon');
    await expect
      .poll(() => pendingNote(page, 'two, too soon').textContent())
      .toMatch(/^Not sent: Slow mode: wait \d+ s\.$/);
    await page.getByRole('button', { name: 'Discard' }).click();

    // Slow mode ends, and the notice with it; the other checks follow, each told in words by its code.
    await ack(boss, { action: 'room_settings', room, slowModeSeconds: 0, links: 'users', duplicates: true });
    await expect.poll(() => status(/^Slow mode/).count()).toBe(0);
    const refusals: Array<[string, string]> = [
      ['an investment opportunity', 'Held for review: it will appear once a moderator approves it.'],
      ['free bitcoin for all', 'Not sent: It contains words that are not allowed here.'],
      ['see https://example.com/deal', 'Not sent: Links are not allowed here.'],
    ];
    for (const [text, words] of refusals) {
      await send(page, text);
      await expect.poll(() => pendingNote(page, text).textContent(), { message: text }).toBe(words);
    }
    // A held message waits: nothing to retry.
    const held = page.locator('[data-client-id]').filter({ hasText: 'an investment opportunity' });
    expect(await held.getByRole('button').count()).toBe(0);
    await send(page, 'same again');
    await messageIn(page, 'same again').waitFor();
    await send(page, 'same again');
    await expect
      .poll(() => pendingNote(page, 'same again').textContent())
      .toBe('Not sent: You just sent the same message.');
    expect(visitor.errors).toEqual([]);
  });

  it('speaks the visitor’s language: the menu, a tombstone and a refusal in French', async () => {
    const room = freshRoom('fr');
    const visitor = await visitThirdParty(browser, scriptPage(web, tag(room, 'data-locale="fr"')));
    const { page } = visitor;
    await page.getByRole('button', { name: 'Ouvrir le chat' }).click();
    const nameField = page.getByRole('textbox', { name: 'Votre nom' });
    await nameField.fill('Zoé');
    await nameField.press('Enter');
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('bonjour');
    await box.press('Enter');
    await messageIn(page, 'bonjour')
      .getByRole('button', { name: /^Actions : Zoé, / })
      .click();
    await page.getByRole('menu').waitFor();
    expect(await page.getByRole('menu').getByRole('menuitem').allTextContents()).toEqual([
      'Modifier',
      'Supprimer',
    ]);
    await page.getByRole('menuitem', { name: 'Supprimer' }).click();
    const confirm = page.getByRole('dialog', { name: 'Supprimer ce message ?' });
    await confirm.getByRole('button', { name: 'Supprimer' }).click();
    await messageIn(page, 'Message supprimé').waitFor();
    await box.fill('crypto giveaway');
    await box.press('Enter');
    await expect
      .poll(() => pendingNote(page, 'crypto giveaway').textContent())
      .toBe('Non envoyé : Il contient des mots qui ne sont pas autorisés ici.');
  });
});

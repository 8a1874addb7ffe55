import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInUser } from '../tests/helpers.js';
import type { StackUrls } from '../tests/stack-setup.js';
import { accountAttributes, confirmationCode } from './cognito-local.js';
import {
  bundle,
  freshRoom,
  isFocused,
  joinAs,
  launchBrowser,
  messageIn,
  scriptPage,
  send,
  visitThirdParty,
} from './helpers.js';

// The two ways in, against the real stack: the CDN script configured by data-* attributes or by the
// `window.OrgChat` command queue, and the npm package in a React app and a Preact app.
const { web, http, ws, cognito: cognitoUrl }: StackUrls = inject('stack');
const pool = inject('cognito');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const events = (page: Page) => page.evaluate(() => (window as unknown as { events: string[] }).events);

/** The page-side stub of the embed snippet, then `calls` (JavaScript run before the script loads). */
function queuePage(calls: string): string {
  const head = `<script>
window.OrgChat = window.OrgChat || function () { (OrgChat.q = OrgChat.q || []).push(arguments); };
window.events = [];
${calls}
</script>`;
  return scriptPage(web, '', '', head);
}

describe('the CDN script', () => {
  it('replays the calls queued before it loaded: init, identify, on, open', async () => {
    const room = freshRoom('queue');
    const { page, errors } = await visitThirdParty(
      browser,
      queuePage(`
OrgChat('init', { wsUrl: '${ws}', httpUrl: '${http}', room: '${room}', title: 'Queued' });
OrgChat('identify', { name: 'Queued Quinn' });
OrgChat('on', 'open', () => events.push('open'));
OrgChat('on', 'close', () => events.push('close'));
OrgChat('on', 'message', (m) => events.push('message:' + m.text));
OrgChat('open');`),
    );
    // Open at once, identified: no name prompt, straight into the room, focus in the message box.
    await page.getByText('Chatting as Queued Quinn').waitFor();
    await page.getByRole('dialog', { name: 'Chat: Queued' }).waitFor();
    await expect.poll(() => isFocused(page, 'Message', 'textbox')).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Your name' }).count()).toBe(0);
    await send(page, 'Hello from the queue');
    await expect.poll(() => events(page)).toEqual(['open', 'message:Hello from the queue']);

    // After loading, the same commands work as calls and as methods.
    await page.evaluate(() => (window as unknown as { OrgChat: (c: string) => void }).OrgChat('close'));
    expect(await page.getByRole('dialog').isHidden()).toBe(true);
    await page.evaluate(() => (window as unknown as { OrgChat: { toggle(): void } }).OrgChat.toggle());
    await page.getByRole('dialog').waitFor();
    expect(await events(page)).toEqual(['open', 'message:Hello from the queue', 'close', 'open']);
    await page.evaluate(() =>
      (window as unknown as { OrgChat: (c: string, v: unknown) => void }).OrgChat('identify', null),
    );
    await page.getByRole('textbox', { name: 'Your name' }).waitFor();
    await page.evaluate(() => (window as unknown as { OrgChat: (c: string) => void }).OrgChat('destroy'));
    expect(await page.locator('org-chat-widget').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('takes its look and language from data-* attributes', async () => {
    const attributes = [
      `data-ws-url="${ws}" data-http-url="${http}" data-room="${freshRoom('theme')}"`,
      'data-accent-color="#0f766e" data-position="left" data-radius="4px" data-theme="dark"',
      'data-font="Georgia, serif" data-locale="fr" data-strings=\'{"welcome":"Salut !"}\'',
    ].join(' ');
    const { page } = await visitThirdParty(browser, scriptPage(web, attributes));
    const launcher = page.getByRole('button', { name: 'Ouvrir le chat' });
    const look = await launcher.evaluate((element) => ({
      background: getComputedStyle(element).backgroundColor,
      left: element.getBoundingClientRect().left,
    }));
    expect(look).toEqual({ background: 'rgb(15, 118, 110)', left: 20 });
    await launcher.click();
    await page.getByText('Salut !').waitFor();
    await page.getByRole('textbox', { name: 'Votre nom' }).waitFor();
    const panel = await page.getByRole('dialog').evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        left: element.getBoundingClientRect().left,
        radius: style.borderTopLeftRadius,
        background: style.backgroundColor,
        font: style.fontFamily,
      };
    });
    expect(panel).toEqual({ left: 20, radius: '4px', background: 'rgb(15, 23, 42)', font: 'Georgia, serif' });
  });

  it('follows the browser’s language when no locale is set', async () => {
    const { page } = await visitThirdParty(
      browser,
      scriptPage(web, `data-ws-url="${ws}" data-http-url="${http}"`),
      { locale: 'de-DE' },
    );
    await page.getByRole('button', { name: 'Chat öffnen' }).click();
    await page.getByRole('textbox', { name: 'Dein Name' }).waitFor();
  });

  it('chats as the page’s own signed-in user through identify({ getToken })', async () => {
    const email = `page-user-${Date.now()}@example.com`;
    const user = await signedInUser(cognitoUrl, pool, email);
    const room = freshRoom('token');
    const { page } = await visitThirdParty(
      browser,
      queuePage(`
OrgChat('init', { wsUrl: '${ws}', httpUrl: '${http}', room: '${room}' });
OrgChat('identify', { getToken: () => '${user.idToken}' });`),
    );
    await page.getByRole('button', { name: 'Open chat' }).click();
    // Never the e-mail: this account has no name attribute, so a neutral one.
    await page.getByText('Chatting as User').waitFor();
    await send(page, 'Signed in by the page');
    await messageIn(page, 'Signed in by the page').waitFor();
    // The page's login has no Sign out button in the widget: the page owns it.
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('signs in with an account (loading Cognito only then), keeps it across a reload, and signs out', async () => {
    const email = `widget-user-${Date.now()}@example.com`;
    await signedInUser(cognitoUrl, pool, email);
    // Kept across a reload only because the site opts in (data-cognito-persist).
    const attributes = `${accountAttributes(freshRoom('account'))} data-cognito-persist`;
    const chunks: string[] = [];
    const visitor = await visitThirdParty(browser, scriptPage(web, attributes), {}, async (page) => {
      page.on('request', (request) => chunks.push(request.url()));
    });
    const { page } = visitor;
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Your name' }).waitFor();
    expect(chunks.filter((url) => url.includes('account-form'))).toEqual([]);
    await page.getByRole('button', { name: 'Sign in with an account' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password').fill('Correct-Horse-9-Battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Chatting as User').waitFor();
    expect(chunks.filter((url) => url.includes('account-form'))).toHaveLength(1);

    // Open before the reload, so open after it (the visitor's window follows them across page loads).
    await page.reload();
    await page.getByText('Chatting as User').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('textbox', { name: 'Your name' }).waitFor();
    await page.reload();
    await page.getByRole('textbox', { name: 'Your name' }).waitFor();
  });

  it('creates an account: sign up, the emailed code, then straight into the chat', async () => {
    const email = `widget-new-${Date.now()}@example.com`;
    const attributes = accountAttributes(freshRoom('sign-up'));
    const { page, errors } = await visitThirdParty(browser, scriptPage(web, attributes));
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('button', { name: 'Sign in with an account' }).click();
    await page.getByRole('button', { name: 'No account yet? Create one' }).click();
    await page.getByRole('textbox', { name: 'Your name' }).fill('Newcomer');
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password').fill('Correct-Horse-9-Battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(`We sent a code to ${email}.`).waitFor();

    // cognito-local delivers no email: the code is read from its store, where it keeps the user.
    const code = await confirmationCode(email);
    await page
      .getByRole('textbox', { name: 'Confirmation code' })
      .fill(code === '000000' ? '000001' : '000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    // A wrong code is explained and can be typed again.
    expect(await page.getByRole('alert').textContent()).toMatch(/code/i);
    await page.getByRole('textbox', { name: 'Confirmation code' }).fill(code);
    await page.getByRole('button', { name: 'Confirm' }).click();
    // The display name given at sign-up is the name others see (the local stack's trigger puts it in
    // cognito-local's ID tokens, as AWS does).
    await page.getByText('Chatting as Newcomer').waitFor();
    await send(page, 'My first message with an account');
    await messageIn(page, 'My first message with an account').locator('time').waitFor();
    expect(errors).toEqual([]);
  });
});

describe('the npm package', () => {
  it('works in a React app through @org/chat-widget/react, and unmounts cleanly', async () => {
    const room = freshRoom('react');
    const visitor = await visitThirdParty(browser, '<!doctype html><title>React app</title>');
    const { page, errors } = visitor;
    await page.addScriptTag({ content: await bundle('e2e/harness/react-app.tsx', 'react') });
    await page.evaluate((config) => (window as unknown as { start(c: object): void }).start(config), {
      wsUrl: ws,
      httpUrl: http,
      room,
    });
    await joinAs(visitor, 'React Rae');
    await send(page, 'Hello from React');
    await expect.poll(() => events(page)).toEqual(['open', 'message:Hello from React']);
    await page.getByRole('button', { name: 'Remove chat' }).click();
    expect(await page.locator('org-chat-widget').count()).toBe(0);
    await page.getByRole('button', { name: 'Add chat' }).click();
    // The same visitor: remembered as a guest, straight into the room, the window open as they left it.
    await messageIn(page, 'Hello from React').waitFor();
    await page.getByRole('button', { name: 'Minimize chat' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('works in a Preact app through ChatWidget, following its identity prop', async () => {
    const visitor = await visitThirdParty(browser, '<!doctype html><title>Preact app</title>');
    const { page, errors } = visitor;
    await page.addScriptTag({ content: await bundle('e2e/harness/preact-app.tsx') });
    await page.evaluate((config) => (window as unknown as { start(c: object): void }).start(config), {
      wsUrl: ws,
      httpUrl: http,
      room: freshRoom('preact'),
    });
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByText('Chatting as Preact Pat').waitFor();
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByText('Chatting as Renamed Pat').waitFor();
    expect(errors).toEqual([]);
  });
});

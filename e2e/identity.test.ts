// Identity on screen and accounts in the widget (issue 10), in Chromium against the real stack: guests
// are marked, links show where they go, Cognito tokens stay in memory unless the site opts in, and
// signing out revokes the refresh token.
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInUser } from '../tests/helpers.js';
import type { StackUrls } from '../tests/stack-setup.js';
import { accountAttributes } from './cognito-local.js';
import {
  bundle,
  freshRoom,
  joinAs,
  launchBrowser,
  messageIn,
  scriptPage,
  send,
  visitThirdParty,
} from './helpers.js';

const { web, http, ws, cognito: cognitoUrl }: StackUrls = inject('stack');
const pool = inject('cognito');
const PASSWORD = 'Correct-Horse-9-Battery';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Signs in through the widget's account form. */
async function signInWithAccount(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('button', { name: 'Sign in with an account' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Chatting as User').waitFor();
}

/** Whether a refresh token can still mint tokens at cognito-local. */
async function refreshWorks(refreshToken: string): Promise<boolean> {
  const cognito = new CognitoIdentityProviderClient({
    endpoint: cognitoUrl,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await cognito.send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotAuthorizedException') return false;
    throw error;
  }
}

/** The page's localStorage keys and values. */
const storageOf = (page: Page) => page.evaluate(() => Object.entries(localStorage));

describe('guests are marked', () => {
  it('shows a Guest badge beside a guest’s name, read as "(Guest)", and none beside a signed-in user', async () => {
    const room = freshRoom('badge');
    const tag = `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}"`;
    const guest = await visitThirdParty(browser, scriptPage(web, tag));
    await joinAs(guest, 'Support');
    await send(guest.page, 'Hello from a guest');

    const user = await signedInUser(cognitoUrl, pool);
    const member = await visitThirdParty(
      browser,
      scriptPage(
        web,
        tag,
        '',
        `<script>window.OrgChat = window.OrgChat || function () { (OrgChat.q = OrgChat.q || []).push(arguments); };
OrgChat('identify', { getToken: () => '${user.idToken}' });</script>`,
      ),
    );
    await member.page.getByRole('button', { name: 'Open chat' }).click();
    await send(member.page, 'Hello from a member');

    for (const page of [guest.page, member.page]) {
      const fromGuest = messageIn(page, 'Hello from a guest');
      await fromGuest.waitFor();
      const badge = fromGuest.getByText('Guest', { exact: true });
      expect(await badge.isVisible()).toBe(true);
      // Screen readers get the parentheses the eye gets from the pill.
      expect(await fromGuest.textContent()).toMatch(/Support( \(you\))?\(Guest\)/);
      const fromMember = messageIn(page, 'Hello from a member');
      await fromMember.waitFor();
      expect(await fromMember.textContent()).not.toContain('Guest');
    }

    // Translated: a French reader sees "Invité".
    const french = await visitThirdParty(browser, scriptPage(web, tag), { locale: 'fr-FR' });
    await french.page.getByRole('button', { name: 'Ouvrir le chat' }).click();
    await french.page.getByRole('textbox', { name: 'Votre nom' }).fill('Lectrice');
    await french.page.getByRole('textbox', { name: 'Votre nom' }).press('Enter');
    const row = messageIn(french.page, 'Hello from a guest');
    await row.getByText('Invité', { exact: true }).waitFor();
    expect(guest.errors).toEqual([]);
    expect(member.errors).toEqual([]);
  });
});

describe('links show where they go', () => {
  it('shows the host beside a label that hides it, live in a message', async () => {
    const room = freshRoom('links');
    const visitor = await visitThirdParty(
      browser,
      scriptPage(web, `data-ws-url="${ws}" data-http-url="${http}" data-room="${room}" data-formatting`),
    );
    await joinAs(visitor, 'Linker');
    await send(visitor.page, 'Log in at [your bank](https://evil.example/login) now');
    const link = messageIn(visitor.page, 'Log in at').getByRole('link');
    await link.waitFor();
    expect(await link.textContent()).toBe('your bank (evil.example)');
    expect(await link.getAttribute('href')).toBe('https://evil.example/login');
  });

  it('makes the sanitizer alone add the host to raw links that hide it', async () => {
    const { page } = await visitThirdParty(browser, '<!doctype html><title>sanitizer</title>');
    await page.addScriptTag({ content: await bundle('e2e/harness/sanitize-page.ts') });
    const texts = await page.evaluate(() => {
      const sanitize = (window as unknown as { sanitize: (html: string) => string }).sanitize;
      return [
        '<a href="https://evil.example/x">https://bank.example</a>',
        '<a href="https://bank.example@evil.example/">bank</a>',
        '<a href="https://example.com/docs">https://example.com/docs</a>',
      ].map((html) => {
        const holder = document.createElement('p');
        holder.innerHTML = sanitize(html);
        return holder.querySelector('a')?.textContent;
      });
    });
    expect(texts).toEqual([
      'https://bank.example (evil.example)',
      'bank (evil.example)',
      'https://example.com/docs',
    ]);
  });
});

describe('widget accounts', () => {
  it('keeps Cognito tokens in memory by default: nothing in localStorage, a reload asks again', async () => {
    const email = `memory-${Date.now()}@example.com`;
    await signedInUser(cognitoUrl, pool, email);
    const visitor = await visitThirdParty(browser, scriptPage(web, accountAttributes(freshRoom('memory'))));
    await signInWithAccount(visitor.page, email);
    const stored = await storageOf(visitor.page);
    expect(stored.filter(([key]) => /Cognito|token/i.test(key))).toEqual([]);
    expect(JSON.stringify(stored)).not.toContain('eyJ');

    // The window reopens by itself after a reload (it was open): the visitor is asked again.
    await visitor.page.reload();
    await visitor.page.getByRole('textbox', { name: 'Your name' }).waitFor();
    expect(visitor.errors).toEqual([]);
  });

  it('revokes the refresh token on sign-out (tokens in memory)', async () => {
    const email = `revoke-${Date.now()}@example.com`;
    await signedInUser(cognitoUrl, pool, email);
    const refreshTokens: string[] = [];
    const visitor = await visitThirdParty(
      browser,
      scriptPage(web, accountAttributes(freshRoom('revoke'))),
      {},
      async (page) => {
        // The token lives only in the page's memory: read it off cognito-local's sign-in answer.
        page.on('response', async (response) => {
          if (!response.url().startsWith(cognitoUrl) || response.request().method() !== 'POST') return;
          const body = (await response.json().catch(() => undefined)) as
            | { AuthenticationResult?: { RefreshToken?: string } }
            | undefined;
          const token = body?.AuthenticationResult?.RefreshToken;
          if (token) refreshTokens.push(token);
        });
      },
    );
    await signInWithAccount(visitor.page, email);
    await expect.poll(() => refreshTokens.length).toBe(1);
    const refreshToken = refreshTokens[0] as string;
    expect(await refreshWorks(refreshToken)).toBe(true);

    await visitor.page.getByRole('button', { name: 'Sign out' }).click();
    await visitor.page.getByRole('textbox', { name: 'Your name' }).waitFor();
    await expect.poll(() => refreshWorks(refreshToken)).toBe(false);
    expect(visitor.errors).toEqual([]);
  });

  it('with data-cognito-persist keeps the account across a reload, and sign-out clears and revokes it', async () => {
    const email = `persist-${Date.now()}@example.com`;
    await signedInUser(cognitoUrl, pool, email);
    const visitor = await visitThirdParty(
      browser,
      scriptPage(web, `${accountAttributes(freshRoom('persist'))} data-cognito-persist`),
    );
    await signInWithAccount(visitor.page, email);
    const refreshToken = (await storageOf(visitor.page)).find(([key]) => key.endsWith('.refreshToken'))?.[1];
    expect(refreshToken).toBeTruthy();

    // The window reopens by itself after a reload (it was open), with the account still signed in.
    await visitor.page.reload();
    await visitor.page.getByText('Chatting as User').waitFor();
    await visitor.page.getByRole('button', { name: 'Sign out' }).click();
    await visitor.page.getByRole('textbox', { name: 'Your name' }).waitFor();
    await expect.poll(() => refreshWorks(refreshToken as string)).toBe(false);
    await expect
      .poll(async () => (await storageOf(visitor.page)).filter(([key]) => key.endsWith('.refreshToken')))
      .toEqual([]);
  });

  it('asks a new account for its display name, checked by the server’s rules before sign-up', async () => {
    const visitor = await visitThirdParty(browser, scriptPage(web, accountAttributes(freshRoom('named'))));
    const { page } = visitor;
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('button', { name: 'Sign in with an account' }).click();
    await page.getByRole('button', { name: 'No account yet? Create one' }).click();
    await page.getByRole('textbox', { name: 'Your name' }).fill('Sup\u200Bport');
    await page.getByRole('textbox', { name: 'Email' }).fill(`named-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Choose a name of up to 40 characters, without invisible or control characters.');
  });
});

// The Content Security Policy docs/security.md tells site owners to set: a page that allows only the
// widget's origin for scripts and the two APIs (plus Cognito for sign-in) for connections, and nothing
// else at all (`default-src 'none'`: no styles, images or fonts), still gets a styled, working chat.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInUser } from '../tests/helpers.js';
import type { StackUrls } from '../tests/stack-setup.js';
import { freshRoom, joinAs, launchBrowser, messageIn, send, THIRD_PARTY } from './helpers.js';

const { web, http, ws, cognito: cognitoUrl }: StackUrls = inject('stack');
const pool = inject('cognito');
/** Origins as a policy names them (no path). */
const origin = (url: string) => {
  const { protocol, host } = new URL(url);
  return `${protocol}//${host}`;
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page of another site served with `policy`; resolves with the page and every CSP violation seen. */
async function strictPage(policy: string, scriptAttributes: string) {
  const context = await browser.newContext();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Shop</h1></main><script src="${web}/chat-widget.js" ${scriptAttributes} async></script></body></html>`;
  await context.route(`${THIRD_PARTY}/**`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy },
      body: html,
    }),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${THIRD_PARTY}/`);
  return { page, violations };
}

/** The computed background colour of a control inside the widget's shadow root. */
function background(page: Page, name: string): Promise<string> {
  return page.getByRole('button', { name }).evaluate((element) => getComputedStyle(element).backgroundColor);
}

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

describe('the widget under a strict Content Security Policy', () => {
  it('chats as a guest with script-src and connect-src allow-lists and nothing else allowed', async () => {
    const policy = `default-src 'none'; script-src ${origin(web)}; connect-src ${origin(ws)} ${origin(http)}; base-uri 'none'`;
    const { page, violations } = await strictPage(
      policy,
      `data-ws-url="${ws}" data-http-url="${http}" data-room="${freshRoom('csp')}"`,
    );
    // Styled although style-src is 'none': the sheets are adopted constructable stylesheets.
    expect(await background(page, 'Open chat')).not.toBe(TRANSPARENT);
    await joinAs({ page, appRequests: [], errors: [] }, 'Strict');
    expect(await background(page, 'Send')).not.toBe(TRANSPARENT);
    await send(page, 'Allowed by the policy');
    await messageIn(page, 'Allowed by the policy').locator('time').waitFor();
    expect(violations).toEqual([]);
  });

  it("loads the chat window under a nonce policy with 'strict-dynamic'", async () => {
    const policy = `default-src 'none'; script-src 'nonce-r4nd0m' 'strict-dynamic'; connect-src ${origin(ws)} ${origin(http)}`;
    const { page, violations } = await strictPage(
      policy,
      `nonce="r4nd0m" data-ws-url="${ws}" data-http-url="${http}" data-room="${freshRoom('csp')}"`,
    );
    await joinAs({ page, appRequests: [], errors: [] }, 'Nonce');
    await send(page, 'Loaded through strict-dynamic');
    await messageIn(page, 'Loaded through strict-dynamic').locator('time').waitFor();
    expect(violations).toEqual([]);
  });

  it('signs in with an account when connect-src also allows the Cognito endpoint', async () => {
    const email = `csp-${Date.now()}@example.com`;
    await signedInUser(cognitoUrl, pool, email, 'Demo Person');
    const policy = `default-src 'none'; script-src ${origin(web)}; connect-src ${origin(ws)} ${origin(http)} ${origin(cognitoUrl)}`;
    const { page, violations } = await strictPage(
      policy,
      [
        `data-ws-url="${ws}" data-http-url="${http}" data-room="${freshRoom('csp')}"`,
        `data-cognito-user-pool-id="${pool.userPoolId}" data-cognito-client-id="${pool.clientId}"`,
        `data-cognito-endpoint="${cognitoUrl}/" data-cognito-auth-flow="USER_PASSWORD_AUTH"`,
      ].join(' '),
    );
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('button', { name: 'Sign in with an account' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password').fill('Correct-Horse-9-Battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Chatting as Demo Person').waitFor();
    expect(violations).toEqual([]);
  });
});

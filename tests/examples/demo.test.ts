// The demo page `npm start` serves: wired to the stack's own APIs and user pool, so a visitor can chat
// as a guest or with an account of the local pool.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, messageIn, send, visit } from '../../e2e/helpers.js';
import { signedInUser } from '../helpers.js';

const urls = inject('stack');
const pool = inject('cognito');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('examples/demo', () => {
  it('holds no placeholder once served', async () => {
    for (const page of ['/', '/third-party.html']) {
      const html = await (await fetch(`${urls.web}${page}`)).text();
      expect(html, page).not.toMatch(/\{\{\w+\}\}/);
    }
  });

  it('signs in with an account of the local user pool and chats under its name', async () => {
    const email = `demo-${Date.now()}@example.com`;
    await signedInUser(urls.cognito, pool, email, 'Demo Person');
    const { page, errors } = await visit(browser, urls.web);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('button', { name: 'Sign in with an account' }).click();
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password').fill('Correct-Horse-9-Battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Chatting as Demo Person').waitFor();
    const text = `Hello from an account ${Date.now()}`;
    await send(page, text);
    await messageIn(page, text).locator('time').waitFor();
    expect(errors).toEqual([]);
  });
});

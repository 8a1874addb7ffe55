// Chats through a consumer app's page in Chromium, as a visitor would: the widget's launcher, the name
// prompt, a message sent and seen in the log (and, for apps with their own hooks UI, in their feed).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Chromium: Debian's where it exists (playwright's own download is unavailable here). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

/** Throws with `message` unless `condition`. */
function check(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Opens `url` and chats through the widget as a guest. `feed`: the app's own list (drawn with
 * @org/chat-sdk/react) must show the message too. `accounts`: whether "Sign in with an account" is
 * offered (and, if so, that the account form loads). `serverText`: text the server rendered.
 */
export async function chatThrough(browser, url, { text, feed = false, accounts, serverText }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    if (serverText) await page.getByText(serverText).waitFor();
    await page.getByRole('button', { name: 'Open chat' }).click();
    const nameField = page.getByRole('textbox', { name: 'Your name' });
    await nameField.waitFor();
    const useAccount = page.getByRole('button', { name: 'Sign in with an account' });
    if (accounts === false)
      check((await useAccount.count()) === 0, 'offers account sign-in without accounts');
    if (accounts === true) {
      await useAccount.click();
      // The account form is a lazy chunk holding amazon-cognito-identity-js: it must load and render.
      await page.getByRole('textbox', { name: 'Email' }).waitFor();
      await page.getByRole('button', { name: 'Continue as a guest' }).click();
    }
    await nameField.fill('Consumer');
    await nameField.press('Enter');
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.waitFor();
    await box.fill(text);
    await box.press('Enter');
    await page.getByRole('log').getByRole('listitem').filter({ hasText: text }).waitFor();
    if (feed) await page.getByRole('region', { name: 'Feed' }).getByText(text).waitFor();
    check(errors.length === 0, `page errors: ${errors.join('; ')}`);
  } finally {
    await context.close();
  }
}

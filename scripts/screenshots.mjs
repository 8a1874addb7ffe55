// `npm run screenshots`: pictures of the widget for the docs, taken in Chromium from the demo page of a
// real stack, so they show the widget as it is built. Starts a stack of its own (ports from
// SCREENSHOT_PORT_BASE, default 19400, a throw-away data folder), has two guests talk in the lobby,
// then writes docs/images/widget-{launcher,open,dark,phone}.png. Run `npm run build` first.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { configFromEnv, ROOT, stackPorts, startStack } from './local-stack.mjs';

const OUT = join(ROOT, 'docs/images');
const DESKTOP = { width: 1024, height: 720 };
const PHONE = { width: 390, height: 780 };
/** What the lobby holds when the pictures are taken (two guests, then the visitor). */
const CONVERSATION = [
  ['Ada', 'Hi! Is the new release out yet?'],
  ['Grace', 'Yes, this morning. The widget now loads **only when opened**.'],
  ['Ada', 'Nice. How small is the launcher?'],
  ['Grace', 'Under 3 KB gzipped: see https://example.com/docs/widget'],
];

if (
  !existsSync(join(ROOT, 'widget/dist/cdn/chat-widget.js')) ||
  !existsSync(join(ROOT, 'sdk/dist/node.js'))
) {
  console.error('The widget or the SDK is not built: run npm run build first.');
  process.exit(1);
}
const { createChatClient, guestAuth } = await import('../sdk/dist/node.js');

const base = Number(process.env.SCREENSHOT_PORT_BASE || 19400);
const dataDir = mkdtempSync(join(tmpdir(), 'chat-screenshots-'));
const config = { ...configFromEnv({}), ...stackPorts(base), dataDir, quiet: true, logLevel: 'ERROR' };
console.log(`starting a stack on ports ${base}–${base + 5}…`);
const stack = await startStack(config);
const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
});
const clients = [];
try {
  mkdirSync(OUT, { recursive: true });
  await seedLobby(stack.urls);

  const desktop = await openDemo({ viewport: DESKTOP, colorScheme: 'light' });
  await shoot(desktop, 'widget-launcher.png');
  await joinAs(desktop, 'Linus');
  await sendMessage(desktop, 'Thanks, trying it on my shop now');
  await shoot(desktop, 'widget-open.png');
  // Each visitor leaves before the next arrives, so every picture counts the same people online.
  await desktop.context().close();

  const dark = await openDemo({ viewport: DESKTOP, colorScheme: 'dark' });
  await joinAs(dark, 'Margaret');
  await shoot(dark, 'widget-dark.png');
  await dark.context().close();

  const phone = await openDemo({
    viewport: PHONE,
    colorScheme: 'light',
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
  });
  await joinAs(phone, 'Katherine');
  await shoot(phone, 'widget-phone.png');
} finally {
  for (const client of clients) client.close();
  await browser.close();
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Two guests say the CONVERSATION in the lobby, in order. */
async function seedLobby(urls) {
  const rooms = new Map();
  for (const [name, text] of CONVERSATION) {
    if (!rooms.has(name)) {
      const client = createChatClient({ wsUrl: urls.ws, httpUrl: urls.http, auth: guestAuth({ name }) });
      clients.push(client);
      rooms.set(name, await client.join('lobby'));
    }
    await rooms.get(name).send(text);
  }
}

/** The demo page in a fresh context (a new visitor), motion reduced so nothing is caught mid-fade. */
async function openDemo(options) {
  const context = await browser.newContext({ ...options, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${stack.urls.web}/`);
  await page.getByRole('button', { name: 'Open chat' }).waitFor();
  return page;
}

/** Opens the chat and joins as a guest; resolves once the last message of the lobby is shown. */
async function joinAs(page, name) {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const field = page.getByRole('textbox', { name: 'Your name' });
  await field.fill(name);
  await field.press('Enter');
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.getByRole('log').getByRole('listitem').filter({ hasText: 'Under 3 KB' }).waitFor();
}

/** Sends `text` and waits until the server has stored it (its row shows a time). */
async function sendMessage(page, text) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await page.getByRole('log').getByRole('listitem').filter({ hasText: text }).locator('time').waitFor();
}

/** A picture of the viewport; the blinking text cursor is hidden. */
async function shoot(page, file) {
  await page.screenshot({ path: join(OUT, file), animations: 'disabled', caret: 'hide' });
  console.log(`wrote ${relative(ROOT, join(OUT, file))}`);
}

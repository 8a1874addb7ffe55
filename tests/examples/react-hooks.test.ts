import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChatClient, guestAuth } from '@org/chat-sdk';
import type { Browser } from 'playwright-core';
import sirv from 'sirv';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../e2e/helpers.js';
import { freshRoom } from '../helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const APP = join(ROOT, 'examples/react-hooks');
const urls = inject('stack');
const cleanup: (() => unknown)[] = [];
let site = '';
let browser: Browser;

beforeAll(async () => {
  expect(existsSync(join(ROOT, 'sdk/dist/react.js')), 'sdk/dist is missing: run npm run build').toBe(true);
  const outDir = mkdtempSync(join(tmpdir(), 'react-hooks-'));
  cleanup.push(() => rmSync(outDir, { recursive: true, force: true }));
  // The test runner sets NODE_ENV=test, under which Vite would compile JSX for React's development
  // runtime: build as `vite build` does, in production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(APP, 'vite.config.mjs'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const serve = sirv(outDir, { dev: true });
  const server = createServer((request, response) => serve(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  cleanup.push(() => browser.close());
});

afterAll(async () => {
  for (const close of cleanup.reverse()) await close();
});

describe('examples/react-hooks', () => {
  it('chats through the hooks: older pages on demand, live messages both ways, presence and typing', async () => {
    const room = freshRoom('hooks');
    // Someone was there before: three messages, two pages at the example's page size of 2.
    const bot = createChatClient({ wsUrl: urls.ws, httpUrl: urls.http, auth: guestAuth({ name: 'Bot' }) });
    cleanup.push(() => bot.close());
    await bot.connect();
    const botRoom = await bot.join(room);
    for (const text of ['first', 'second', 'third']) await botRoom.send(text);

    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const query = new URLSearchParams({ ws: urls.ws, http: urls.http, room, pageSize: '2' });
    await page.goto(`${site}/?${query}`);
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
    await page.getByRole('button', { name: 'Join' }).click();

    const log = page.getByRole('list', { name: 'Messages' }).getByRole('listitem');
    await expect.poll(() => log.allTextContents()).toEqual(['Bot: second', 'Bot: third']);
    await page.getByRole('button', { name: 'Load older messages' }).click();
    await expect.poll(() => log.allTextContents()).toEqual(['Bot: first', 'Bot: second', 'Bot: third']);
    // The server said there is nothing older: the button goes.
    await expect.poll(() => page.getByRole('button', { name: 'Load older messages' }).count()).toBe(0);

    const online = page.getByRole('region', { name: 'Online' });
    await expect.poll(() => online.textContent()).toMatch(/Ada/);
    await expect.poll(() => online.textContent()).toMatch(/Bot/);

    const heard = new Promise<string>((resolve) =>
      botRoom.on('message', (message) => message.sender.name === 'Ada' && resolve(message.text)),
    );
    await page.getByRole('textbox', { name: 'Message' }).fill('hello bot');
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await heard).toBe('hello bot');
    await log.filter({ hasText: 'Ada: hello bot' }).waitFor();
    // Stored: it left the outbox.
    await expect.poll(() => page.getByRole('list', { name: 'Outbox' }).count()).toBe(0);

    botRoom.typing();
    await page.getByText('Bot typing…').waitFor();
    await botRoom.send('hello Ada');
    await log.filter({ hasText: 'Bot: hello Ada' }).waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('open as Ada');
    expect(errors).toEqual([]);
  });
});

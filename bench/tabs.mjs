// What three tabs of one visitor cost, with and without sharing one WebSocket (issue 14): Chromium
// opens three tabs of one browser context with the SDK's sharedChatClient (the harness page of the
// Chromium tests), all in one room, through the TCP proxy in front of our WebSocket port, which counts
// the handshakes it accepts and the sockets open; another participant then sends messages, and the
// counting proxy counts the @connections posts each one costs; then the visitor writes in one tab.
// Also what sharing adds to an app's
// bundle (bench/sdk-size.mjs). Prints its own small table; `tabsBench` is called by bench/run.mjs.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { bundle } from '../e2e/harness/bundle.mjs';
import { guestToken, RawClient } from './lib/raw-client.mjs';
import { quiet, waitUntil } from './lib/stats.mjs';
import { measureSharing } from './sdk-size.mjs';

const TABS = 3;
const MESSAGES = 20;
// A secure origin (`*.localhost`): the tabs elect with Web Locks, as on an https site.
const ORIGIN = 'http://shop.localhost';
const POSTS = 'POST /@connections';

/**
 * Three tabs in a room, with and without sharing: WebSocket handshakes (each a `$connect` and a billed
 * connection), sockets open once all joined, and posts per message sent by someone else and by the
 * visitor from one of the tabs.
 */
export async function tabsBench({ ours, storm, proxy, log }) {
  const html = `<!doctype html><title>tabs</title><script>${await bundle('e2e/harness/shared-client-page.ts')}</script>`;
  const browser = await chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      // The page is served by route interception, which Chromium counts as the public internet.
      '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
    ],
  });
  const rows = [];
  try {
    for (const share of [false, true]) {
      log(`tabs: ${TABS} tabs of one visitor, ${share ? 'sharing one WebSocket' : 'a WebSocket each'}`);
      rows.push(await threeTabs({ browser, html, share, ours, storm, proxy }));
    }
  } finally {
    await browser.close();
  }
  const sharing = await measureSharing();
  const result = { tabs: TABS, messages: MESSAGES, rows, sharingBytes: sharing };
  printTable(result);
  return result;
}

async function threeTabs({ browser, html, share, ours, storm, proxy }) {
  const room = `tabs_${share ? 'shared' : 'own'}_${Date.now().toString(36)}`;
  const context = await browser.newContext();
  await context.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  const hash = encodeURIComponent(
    JSON.stringify({ ws: storm.ours, http: ours.http, room, name: 'Bench Tabs', share }),
  );
  const agentSession = await guestToken(ours.http, 'Bench Agent');
  const agent = await RawClient.open(ours.ws, ['chat.v1', agentSession.token]);
  try {
    await agent.request({ action: 'join', room });
    const since = Date.now();
    const pages = [];
    for (let i = 0; i < TABS; i++) {
      const page = await context.newPage();
      await page.goto(`${ORIGIN}/#${hash}`);
      await page.evaluate(() => window.sharedHarness.joined());
      pages.push(page);
    }
    // Opened one after another, so each tab finds the guest the first one made.
    const seen = () =>
      Promise.all(pages.map((page) => page.evaluate(() => window.sharedHarness.seen.length)));
    const before = await quiet(proxy, 500);
    const { accepts, open } = await proxy.accepts('storm', since);
    for (let i = 0; i < MESSAGES; i++) {
      await agent.request({ action: 'send', room, text: `message ${i}`, id: `bench_tabs_${room}_${i}` });
    }
    await waitUntil(async () => (await seen()).every((count) => count === MESSAGES), 60_000);
    const between = await quiet(proxy, 500);
    // Then the visitor writes in one tab: the others see it too (the server does not post a message
    // to the socket that sent it, so without sharing each other tab costs a post).
    for (let i = 0; i < MESSAGES; i++) {
      await pages[1].evaluate((text) => window.sharedHarness.send(text), `written ${i}`);
    }
    await waitUntil(async () => (await seen()).every((count) => count === 2 * MESSAGES), 60_000);
    const after = await quiet(proxy, 500);
    const posts = (from, to) => (to.oursConnections?.[POSTS] ?? 0) - (from.oursConnections?.[POSTS] ?? 0);
    const perMessage = (count) => Math.round((count / MESSAGES) * 100) / 100;
    return {
      share,
      handshakes: accepts.length,
      openSockets: open,
      postsPerMessage: perMessage(posts(before, between)),
      postsPerOwnMessage: perMessage(posts(between, after)),
    };
  } finally {
    agent.close();
    await context.close();
  }
}

function printTable({ tabs, messages, rows, sharingBytes }) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log(`\n${tabs} tabs of one visitor in one room, ${messages} messages from another participant:\n`);
  console.log(
    line([
      'tabs',
      'WebSocket handshakes ($connect)',
      'sockets open',
      'posts per message from another',
      'posts per message written in a tab',
    ]),
  );
  console.log(line(['---', '---', '---', '---', '---']));
  for (const row of rows) {
    console.log(
      line([
        row.share ? 'sharing one WebSocket' : 'a WebSocket each',
        String(row.handshakes),
        String(row.openSockets),
        String(row.postsPerMessage),
        String(row.postsPerOwnMessage),
      ]),
    );
  }
  console.log(
    `\nSharing adds ${sharingBytes.addedToCore.toLocaleString('en-US')} B gzipped to an app using sharedChatClient (${sharingBytes.gzip.toLocaleString('en-US')} B with the core, which it leaves unchanged).\n`,
  );
}

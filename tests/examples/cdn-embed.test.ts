import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../../e2e/helpers.js';
import { serveEmbedPage } from '../../examples/cdn-embed/serve.mjs';
import { freshRoom } from '../helpers.js';

const urls = inject('stack');
const PORT = Number(process.env.TEST_PORT_BASE || 13000) + 50;
// The app chunk is content-hashed; the build's integrity.json names it.
const APP = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../widget/dist/cdn/integrity.json'), 'utf8'),
).app as string;
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of cleanup.reverse()) await close();
});

describe('examples/cdn-embed', () => {
  it('draws the launcher on a page of another origin and loads the chat window on click', async () => {
    // The page on 127.0.0.1:<port>, the widget from the stack's static server on localhost:<web>:
    // two origins, as a real site and a CDN are.
    const page = await serveEmbedPage({
      port: PORT,
      widgetUrl: `${urls.web}/chat-widget.js`,
      wsUrl: urls.ws,
      httpUrl: urls.http,
      room: freshRoom('embed'),
    });
    cleanup.push(page.close);
    const browser = await launchBrowser();
    cleanup.push(() => browser.close());
    const tab = await browser.newPage();
    tab.setDefaultTimeout(20_000);
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    const scripts: string[] = [];
    tab.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });

    await tab.goto(page.url);
    const launcher = tab.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    expect(new URL(tab.url()).origin).not.toBe(new URL(urls.web).origin);
    expect(scripts).toEqual([`${urls.web}/chat-widget.js`]);

    await launcher.click();
    const name = tab.getByRole('textbox', { name: 'Your name' });
    await name.waitFor();
    // The chat window came from the widget's origin, checked by integrity, then import()ed.
    expect(scripts).toContain(`${urls.web}/${APP}`);
    await name.fill('Embedded Ada');
    await name.press('Enter');
    await tab.getByRole('textbox', { name: 'Message' }).waitFor();
    // What a guest downloads to chat, as bench/sizes.mjs weighs it ("open widget"): loader + app chunk.
    expect(scripts).toEqual([`${urls.web}/chat-widget.js`, `${urls.web}/${APP}`]);
    expect(errors).toEqual([]);
  });
});

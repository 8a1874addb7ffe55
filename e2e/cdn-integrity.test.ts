// The CDN build pinned with Subresource Integrity: the loader's tag carries integrity.json's hash, and
// every later file (the app chunk, a language chunk) is checked too. A file altered on the CDN never
// runs: the chain stops at the first file that does not match.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshRoom, launchBrowser } from './helpers.js';

const CDN = join(import.meta.dirname, '../widget/dist/cdn');
const urls = inject('stack');
const cleanup: (() => unknown)[] = [];
let browser: Browser;

interface Manifest {
  app: string;
  loader: string;
  files: Record<string, string>;
}
const manifest = (): Manifest => JSON.parse(readFileSync(join(CDN, 'integrity.json'), 'utf8'));

/** Serves a copy of the CDN build (altered by `tamper`) with a page pinning the loader; resolves with its URL. */
async function pinnedSite(
  tamper: (dir: string, files: Manifest) => void,
  attributes = '',
  head = '',
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cdn-integrity-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(CDN, dir, { recursive: true });
  const files = manifest();
  const page = `<!doctype html><html><body>${head}<script src="/chat-widget.js" integrity="${files.files[files.loader]}"
    crossorigin="anonymous" data-ws-url="${urls.ws}" data-http-url="${urls.http}" data-room="${freshRoom('sri')}"
    ${attributes} async></script></body></html>`;
  writeFileSync(join(dir, 'index.html'), page);
  tamper(dir, files);
  const serve = sirv(dir, { dev: true });
  const server = createServer((request, response) => serve(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** What tampering appends: it would mark the page if it ever ran. */
const EVIL = '\nwindow.__tampered = true;\n';

async function open(url: string): Promise<{ page: Page; console: string[] }> {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  const messages: string[] = [];
  page.on('console', (message) => messages.push(message.text()));
  await page.goto(url);
  return { page, console: messages };
}

beforeAll(async () => {
  browser = await launchBrowser();
  cleanup.push(() => browser.close());
});
afterAll(async () => {
  for (const close of cleanup.reverse()) await close();
});

describe('the CDN build with Subresource Integrity', () => {
  it('loads the pinned loader, then the app and a language chunk, each as a module script with its integrity', async () => {
    const files = manifest();
    const { page } = await open(await pinnedSite(() => {}, 'data-locale="fr"'));
    await page.getByRole('button', { name: 'Ouvrir le chat' }).click();
    await page.getByRole('textbox', { name: 'Votre nom' }).waitFor();
    const scripts = await page.evaluate(() =>
      [...document.querySelectorAll('script[type=module]')].map((script) => ({
        src: new URL((script as HTMLScriptElement).src).pathname.slice(1),
        integrity: script.getAttribute('integrity'),
      })),
    );
    const app = scripts.find((script) => script.src === files.app);
    expect(app?.integrity).toMatch(/^sha256-/); // the loader's own copy of the app's hash
    const french = scripts.find((script) => /^fr-[\w-]{8}\.js$/.test(script.src));
    expect(french?.integrity).toBe(files.files[french?.src ?? '']);
  });

  it('never runs an altered app chunk: the chat does not open', async () => {
    const { page, console } = await open(
      await pinnedSite((dir, files) => appendFileSync(join(dir, files.app), EVIL)),
    );
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.click();
    await expect.poll(() => console.join('\n')).toMatch(/integrity/i);
    await expect.poll(() => launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => (window as { __tampered?: boolean }).__tampered)).toBeUndefined();
    expect(await page.getByRole('textbox', { name: 'Your name' }).count()).toBe(0);
  });

  it('never runs an altered chunk the app loads on demand', async () => {
    const { page, console } = await open(
      await pinnedSite((dir, files) => {
        const french = Object.keys(files.files).find((file) => /^fr-[\w-]{8}\.js$/.test(file));
        appendFileSync(join(dir, french ?? 'missing'), EVIL);
      }, 'data-locale="fr"'),
    );
    await page.getByRole('button', { name: 'Ouvrir le chat' }).click();
    await expect.poll(() => console.join('\n')).toMatch(/integrity/i);
    expect(await page.evaluate(() => (window as { __tampered?: boolean }).__tampered)).toBeUndefined();
  });

  it('never runs an altered chunk that lazy chunks share (the JWT reading of a page that gives tokens)', async () => {
    const identify = `<script>
window.OrgChat = window.OrgChat || function () { (OrgChat.q = OrgChat.q || []).push(arguments); };
OrgChat('identify', { getToken: () => 'not.a.token' });
</script>`;
    const { page, console } = await open(
      await pinnedSite(
        (dir, files) => {
          const shared = Object.keys(files.files).find((file) => /^jwt-[\w-]{8}\.js$/.test(file));
          appendFileSync(join(dir, shared ?? 'missing'), EVIL);
        },
        '',
        identify,
      ),
    );
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect.poll(() => console.join('\n')).toMatch(/integrity[^\n]*jwt-/i);
    expect(await page.evaluate(() => (window as { __tampered?: boolean }).__tampered)).toBeUndefined();
  });
});

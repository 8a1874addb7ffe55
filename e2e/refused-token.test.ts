import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signedInUser } from '../tests/helpers.js';
import type { StackUrls } from '../tests/stack-setup.js';
import { freshRoom, launchBrowser, scriptPage, visitThirdParty } from './helpers.js';

// A browser never sees the HTTP status of a refused WebSocket handshake: a refused token and an
// outage look the same. The SDK asks GET /session after a failed handshake, so a refused token ends
// in `failed` (with `unauthorized`) within seconds, not in a retry loop or a 20 s timeout.
const { web, http, ws, cognito: cognitoUrl }: StackUrls = inject('stack');
const pool = inject('cognito');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A token the pool signed, then tampered with: its signature no longer matches. */
async function tamperedToken(): Promise<string> {
  const { idToken } = await signedInUser(cognitoUrl, pool);
  const [header, payload, signature] = idToken.split('.');
  return `${header}.${payload}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`;
}

describe('a refused token in a browser', () => {
  it('ends in failed with unauthorized within seconds, and the widget says so in plain words', async () => {
    const token = await tamperedToken();
    const head = `<script>
window.OrgChat = window.OrgChat || function () { (OrgChat.q = OrgChat.q || []).push(arguments); };
window.tokensAsked = [];
OrgChat('init', { wsUrl: '${ws}', httpUrl: '${http}', room: '${freshRoom('refused')}' });
OrgChat('identify', { getToken: (fresh) => { window.tokensAsked.push(fresh); return '${token}'; } });
</script>`;
    const { page, errors } = await visitThirdParty(browser, scriptPage(web, '', '', head));
    const sessionChecks: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/session')) sessionChecks.push(request.url());
    });
    const started = Date.now();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByText('Your session has ended. Please sign in again.').waitFor({ timeout: 15_000 });
    const seconds = (Date.now() - started) / 1000;
    // Asked once as cached, once fresh after the first refusal; then it stopped.
    expect(await page.evaluate(() => (window as unknown as { tokensAsked: boolean[] }).tokensAsked)).toEqual([
      false,
      true,
    ]);
    expect(sessionChecks).toHaveLength(2);
    expect(seconds).toBeLessThan(15);
    await page.waitForTimeout(1500);
    expect(sessionChecks).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});

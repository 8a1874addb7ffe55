import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { startStack } from '../scripts/local-stack.mjs';
import { testStackConfig } from '../tests/local-stack-config.js';
import { joinAs, launchBrowser, messageIn, send, visit } from './helpers.js';

interface Stack {
  urls: { web: string };
  stop(): Promise<void>;
}

// A private stack (TEST_PORT_BASE + 200) that this test stops and starts again, with the same ports
// and data, while a visitor has the chat open.
const config = testStackConfig(200);
let stack: Stack | undefined;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(config.dataDir, { recursive: true, force: true });
});

describe('when the backend goes away', () => {
  it('says Reconnecting… in a status, keeps what was typed, and recovers when it returns', async () => {
    stack = (await startStack(config)) as Stack;
    const visitor = await visit(browser, stack.urls.web);
    const { page } = visitor;
    await joinAs(visitor, 'Resilient');
    await send(page, 'Before the outage');
    await messageIn(page, 'Before the outage').getByText('Resilient (you)').waitFor();
    const status = page.getByRole('dialog').getByRole('status');
    expect(await status.textContent()).toBe('');

    await stack.stop();
    stack = undefined;
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Reconnecting…');

    // Sent while down: it waits in the outbox ("Sending…") rather than failing.
    await send(page, 'Sent during the outage');
    await messageIn(page, 'Sent during the outage').getByText('Sending…').waitFor();

    stack = (await startStack(config)) as Stack;
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe('');
    // Delivered once, as a stored message (the pending bubble replaced, not doubled).
    const sent = messageIn(page, 'Sent during the outage');
    await sent.getByText('Sending…').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await sent.count()).toBe(1);
    expect(await sent.locator('time').count()).toBe(1);
    await send(page, 'After the outage');
    await messageIn(page, 'After the outage').locator('time').waitFor();
  }, 240_000);
});

// Times the widget's rendering with a long log, in Chromium on a fake client (no backend): opening
// the window on 1,000 messages, appending messages to it, and scrolling it up to the first message. For
// appends it reports the main thread's script, style and layout time per message (Chrome's own
// counters), which stay small if rows are memoised and off-screen rows skip layout. Medians of a few
// runs; not a test, no budget (timings vary with the machine). Run after `npm run build`, which
// compiles the CSS the harness uses:  node bench/widget-render.mjs
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { bundle } from '../e2e/harness/bundle.mjs';

const RUNS = 5;
const COUNT = 1000;
const APPENDS = 20;
const script = await bundle('e2e/harness/fake-widget.ts');
const browser = await chromium.launch({
  executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu'],
});

/** One run in a fresh page; returns the timings in ms. */
async function run() {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>bench</title><h1>Bench</h1>');
  await page.addScriptTag({ content: script });
  const open = await page.evaluate(async (count) => {
    const me = { id: 'me', name: 'Me', guest: true };
    const grace = { id: 'grace', name: 'Grace', guest: true };
    const { widget, driver } = window.harness.start({ fake: { me, count, others: [grace, me] } });
    window.driver = driver;
    const root = document.querySelector('org-chat-widget').shadowRoot;
    const started = performance.now();
    widget.open();
    const newest = `Message number ${count - 1}`;
    while (!root.querySelector('li.row:last-child')?.textContent?.includes(newest)) {
      await new Promise((resolve) => setTimeout(resolve));
    }
    void root.querySelector('[role=log]').scrollHeight; // the layout of the opened window
    return performance.now() - started;
  }, COUNT);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  await page.evaluate(async (appends) => {
    const grace = { id: 'grace', name: 'Grace', guest: true };
    for (let i = 0; i < appends; i++) {
      window.driver.receive(grace, `One more ${i}`);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    }
  }, APPENDS);
  const after = await metrics();
  const per = (name) => ((after[name] - before[name]) * 1000) / APPENDS;

  // Up to the oldest message: older rows render from memory as the top comes into view.
  const scroll = await page.evaluate(async () => {
    const root = document.querySelector('org-chat-widget').shadowRoot;
    const log = root.querySelector('[role=log]');
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    let screens = 0;
    const started = performance.now();
    while (!log.textContent.includes('This is the start of the conversation.') && screens < 1000) {
      log.scrollTop = Math.max(0, log.scrollTop - log.clientHeight);
      screens++;
      await frame();
    }
    return (performance.now() - started) / screens;
  });
  await page.close();
  return {
    open,
    script: per('ScriptDuration'),
    style: per('RecalcStyleDuration'),
    layout: per('LayoutDuration'),
    scroll,
  };
}

const results = [];
for (let i = 0; i < RUNS; i++) results.push(await run());
await browser.close();
const median = (key) => {
  const sorted = results.map((result) => result[key]).sort((a, b) => a - b);
  return `${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms`.padStart(9);
};
console.log(`Widget rendering with ${COUNT} messages, median of ${RUNS} runs (Chromium, fake client):`);
console.log(`  open the window on the log, to laid out  ${median('open')}`);
console.log(`  append one message: script              ${median('script')}`);
console.log(`                      style               ${median('style')}`);
console.log(`                      layout              ${median('layout')}`);
console.log(`  scroll one screen up, to the next frame  ${median('scroll')}`);

// The widget's cost to the page that embeds it: Lighthouse (performance category, mobile emulation) on
// the same third-party page (examples/cdn-embed/index.html) without and with the widget's script tag.
// Chromium is /usr/bin/chromium (or CHROME_PATH), started by chrome-launcher; nothing is downloaded.
// The pages alternate, RUNS times each, under both of Lighthouse's throttling methods, and the medians
// are compared: the tag loads `async` and draws only the launcher, so the score, Total Blocking Time
// and Largest Contentful Paint should not move.
// - `devtools` throttles the page's requests for real (150 ms round trips, slow 4G, CPU ×4), so the
//   script arrives after the page's first paint, as from a CDN: the check is made on it.
// - `simulate` (Lighthouse's default, PageSpeed's) replays an unthrottled load through a model. Served
//   from this machine the script can run before the first paint, and the model then counts its
//   download and run before the LCP: reported beside the check, as what a cached script can cost.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import sirv from 'sirv';
import { ROOT } from '../scripts/local-stack.mjs';
import { median } from './lib/stats.mjs';

const RUNS = 5;
/** Lighthouse's throttling methods, both measured (see above); the check is made on the first. */
export const METHODS = ['devtools', 'simulate'];
const PAGE = join(ROOT, 'examples/cdn-embed/index.html');
// The embed of examples/cdn-embed: the loader's <script> element, with its comment.
const EMBED = /\s*<!--[\s\S]*?-->\s*<script\s+src="[^"]*chat-widget\.js"[\s\S]*?<\/script>/;

/** Serves the page without (`/plain.html`) and with (`/widget.html`) the tag, and the CDN build. */
async function servePages({ port, ws, http }) {
  const html = readFileSync(PAGE, 'utf8');
  if (!EMBED.test(html)) throw new Error('examples/cdn-embed/index.html has no chat-widget.js script tag');
  const origin = `http://127.0.0.1:${port}`;
  const withWidget = html
    .replace(/src="[^"]*chat-widget\.js"/, `src="${origin}/chat-widget.js"`)
    .replace(/data-ws-url="[^"]*"/, `data-ws-url="${ws}"`)
    .replace(/data-http-url="[^"]*"/, `data-http-url="${http}"`);
  const pages = { '/plain.html': html.replace(EMBED, '\n'), '/widget.html': withWidget };
  const cdn = sirv(join(ROOT, 'widget/dist/cdn'), { dev: true });
  const server = createServer((req, res) => {
    const page = pages[new URL(req.url ?? '/', origin).pathname];
    if (page === undefined) return cdn(req, res, () => res.writeHead(404).end());
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Runs Lighthouse on both pages; resolves with the medians and every run. */
export async function lighthouseBench({ ours, port, log, runs = RUNS }) {
  const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chromePath)) throw new Error(`no Chromium at ${chromePath} (set CHROME_PATH)`);
  const site = await servePages({ port, ws: ours.ws, http: ours.http });
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const runsOf = Object.fromEntries(METHODS.map((method) => [method, { plain: [], widget: [] }]));
  try {
    log(
      `lighthouse: ${runs} runs of the page without and with the widget tag, throttling ${METHODS.join(' and ')}`,
    );
    for (let i = 0; i < runs; i++) {
      for (const [method, page] of METHODS.flatMap((m) => [
        [m, 'plain'],
        [m, 'widget'],
      ])) {
        const result = await lighthouse(`${site.origin}/${page}.html`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
          throttlingMethod: method,
        });
        const { categories, audits } = result.lhr;
        runsOf[method][page].push({
          score: Math.round(categories.performance.score * 100),
          tbtMs: audits['total-blocking-time'].numericValue,
          lcpMs: audits['largest-contentful-paint'].numericValue,
          fcpMs: audits['first-contentful-paint'].numericValue,
          cls: audits['cumulative-layout-shift'].numericValue,
          // What the page fetched: with the tag, the loader must be among it and the chat window not.
          requests: audits['network-requests'].details.items.map((item) => new URL(item.url).pathname),
        });
      }
    }
  } finally {
    await chrome.kill();
    await site.close();
  }
  const summary = (list) => ({
    score: median(list.map((r) => r.score)),
    tbtMs: Math.round(median(list.map((r) => r.tbtMs))),
    lcpMs: Math.round(median(list.map((r) => r.lcpMs))),
    fcpMs: Math.round(median(list.map((r) => r.fcpMs))),
    cls: median(list.map((r) => r.cls)),
  });
  const result = { runs, everyRun: runsOf };
  for (const method of METHODS) {
    const { plain, widget } = runsOf[method];
    result[method] = {
      plain: summary(plain),
      widget: summary(widget),
      widgetRequests: [...new Set(widget.flatMap((r) => r.requests))].sort(),
    };
    const { plain: a, widget: b } = result[method];
    log(
      `  ${method}: without: score ${a.score}, TBT ${a.tbtMs} ms, LCP ${a.lcpMs} ms; with: score ${b.score}, TBT ${b.tbtMs} ms, LCP ${b.lcpMs} ms`,
    );
  }
  return result;
}

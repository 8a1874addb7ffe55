// Prints what a visitor downloads for the CDN widget, gzipped, against the budgets of issue 5, and
// exits non-zero when a budget is exceeded. Run after `npm run build`:  node bench/widget-size.mjs
//
//   before open   chat-widget.js (the loader: launcher, its CSS and strings)          ≤ 3 KB
//   open (guest)  + chat-widget-app.js and the chunks it imports statically (the     ≤ 30 KB
//                 window, Preact, signals, SDK, English, the Tailwind CSS inlined)
//   open (phone)  + the full-screen behaviours, loaded on screens under 640 px wide    ≤ 30 KB
// Loaded only on demand, printed but not counted: another language's texts, the formatter with
// DOMPurify (formatting on and a message with markup), the Cognito sign-in (an account chosen), the
// coordination of several tabs (a second tab in the room), the notifications (turned on by the site).
// KB here is 1,000 bytes, the stricter reading. Gzip at level 6, what servers use on the fly.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const CDN = join(dirname(fileURLToPath(import.meta.url)), '../widget/dist/cdn');
const BUDGETS = { beforeOpen: 3_000, open: 30_000 };

const read = (file) => readFileSync(join(CDN, file));
const gzip = (file) => gzipSync(read(file), { level: 6 }).length;
const brotli = (file) => brotliCompressSync(read(file)).length;

/** `file` and every chunk it imports statically (`import … from "./x.js"`), recursively. */
function staticGraph(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = read(file).toString('utf8');
  for (const match of code.matchAll(
    /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([\w.-]+\.js)["']/g,
  )) {
    staticGraph(match[1], seen);
  }
  return seen;
}

const files = readdirSync(CDN);
const lazy = (prefix) => files.find((file) => file.startsWith(`${prefix}-`) && file.endsWith('.js'));
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} KB`.padStart(9);
const sum = (list, size = gzip) => list.reduce((total, file) => total + size(file), 0);

const loader = ['chat-widget.js'];
// The app chunk is content-hashed; the build's integrity.json names it.
const app = [...staticGraph(JSON.parse(read('integrity.json')).app)];
const rows = [];
let failed = false;

function row(label, list, budget) {
  const bytes = sum(list);
  const over = budget !== undefined && bytes > budget;
  failed ||= over;
  const verdict =
    budget === undefined ? '(on demand, not counted)' : `${over ? 'OVER' : 'ok'}  budget ${kb(budget)}`;
  rows.push(`${label.padEnd(64)} ${kb(bytes)}  brotli ${kb(sum(list, brotli))}  ${verdict}`);
}

row('before open: loader', loader, BUDGETS.beforeOpen);
row(`open, guest: loader + ${app.join(' + ')}`, [...loader, ...app], BUDGETS.open);
const phone = lazy('full-screen');
if (phone) row(`open, guest, on a phone: + ${phone}`, [...loader, ...app, phone], BUDGETS.open);
for (const [label, prefix] of [
  ['+ French texts', 'fr'],
  ['+ German texts', 'de'],
  ['+ formatter with DOMPurify', 'format-message'],
  ['+ account offer (sites with accounts)', 'account-offer'],
  ['+ Cognito account sign-in', 'account-form'],
  ['+ visitors the page signs in (getToken)', 'page-auth'],
  ['+ JWT code the account chunks share', 'jwt'],
  ['+ moderation tools', 'tools'],
  ['+ several tabs (@org/chat-sdk/tabs)', 'tab-sync'],
  ['+ notifications (title, sound, system)', 'notifier'],
]) {
  const file = lazy(prefix);
  if (file) row(`${label} (${file})`, [file]);
}
console.log(`Widget download sizes, gzipped (level 6), from ${CDN}`);
for (const line of rows) console.log(line);
if (failed) {
  console.error('A budget is exceeded.');
  process.exit(1);
}

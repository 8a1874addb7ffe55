// Bundle sizes against their budgets, gzip -9: the SDK core (bench/sdk-size.mjs), the CDN loader, and
// the open widget: the loader, the app chunk it imports on the first open, and every chunk the app
// imports statically (what a guest downloads to chat). Chunks imported only on demand (the formatter,
// account sign-in, other languages) are listed apart. Needs `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../scripts/local-stack.mjs';
import { measureReactHooks, measureSdk, SDK_BUDGET } from './sdk-size.mjs';

const CDN = join(ROOT, 'widget/dist/cdn');
const LOADER = 'chat-widget.js';
// The app chunk is content-hashed (chat-widget-app-<hash>.js): the build's integrity.json names it.
const MANIFEST = 'integrity.json';

/**
 * Budgets in gzipped bytes: the SDK's from bench/sdk-size.mjs; the widget's as bench/widget-size.mjs
 * reads them (issue 5's 3 KB and 30 KB, with KB = 1,000 B, the stricter reading).
 */
export const BUDGETS = { sdk: SDK_BUDGET, loader: 3_000, open: 30_000 };

/** gzip -9 size of a file of the CDN build. */
function gzipOf(file) {
  return gzipSync(readFileSync(join(CDN, file)), { level: 9 }).length;
}

// Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"`; never `import(…)`.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.\/[^"']+)["']/g;
// `__sri_(…)`: the build's verified import() (rollup/cdn-integrity.mjs).
const DYNAMIC_IMPORT = /\b(?:import|__sri_)\(\s*["'](\.\/[^"']+)["']\s*\)/g;

function importsOf(file, pattern) {
  const code = readFileSync(join(CDN, file), 'utf8');
  return [...code.matchAll(pattern)].map((match) => match[1].slice(2));
}

/** The app chunk and its static imports, transitively. */
function staticClosure(entry) {
  const found = new Set();
  const visit = (file) => {
    if (found.has(file)) return;
    found.add(file);
    for (const next of importsOf(file, STATIC_IMPORT)) visit(next);
  };
  visit(entry);
  return [...found];
}

/** Measures everything; resolves with one row per figure. */
export async function sizesBench() {
  for (const file of [LOADER, MANIFEST]) {
    if (!existsSync(join(CDN, file)))
      throw new Error(`widget/dist/cdn/${file} is missing: run npm run build`);
  }
  const APP = JSON.parse(readFileSync(join(CDN, MANIFEST), 'utf8')).app;
  const sdk = await measureSdk();
  const loader = gzipOf(LOADER);
  const openFiles = [LOADER, ...staticClosure(APP)];
  const open = openFiles.reduce((total, file) => total + gzipOf(file), 0);
  const lazy = new Set();
  for (const file of openFiles) for (const chunk of importsOf(file, DYNAMIC_IMPORT)) lazy.add(chunk);
  // Chunks the lazy ones share (imported statically by them, e.g. the JWT code) are on demand too.
  for (const file of [...lazy]) for (const shared of staticClosure(file)) lazy.add(shared);
  for (const file of openFiles) lazy.delete(file);
  const onDemand = [...lazy].sort().map((file) => ({ file, gzip: gzipOf(file) }));
  return {
    sdk: {
      gzip: sdk.gzip,
      raw: sdk.raw,
      budget: BUDGETS.sdk,
      what: 'createChatClient + guestAuth, minified',
    },
    reactHooks: { ...(await measureReactHooks()), what: 'all six hooks, React external' },
    loader: { gzip: loader, budget: BUDGETS.loader, files: [LOADER] },
    open: { gzip: open, budget: BUDGETS.open, files: openFiles },
    onDemand,
  };
}

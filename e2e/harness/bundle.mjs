// Bundles a browser entry from the widget's TypeScript source with esbuild, for pages the tests and
// benchmarks build themselves (a fake-client harness, a React app). The compiled Tailwind sheet comes
// from widget/dist/widget.css, so run `npm run build` (or `node scripts/build-css.mjs`) first.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const WIDGET_CSS = join(ROOT, 'widget/dist/widget.css');

/** `virtual:widget-css`, as rollup.config.mjs provides it. */
const widgetCss = {
  name: 'widget-css',
  setup(context) {
    context.onResolve({ filter: /^virtual:widget-css$/ }, () => ({
      path: 'widget-css',
      namespace: 'virtual',
    }));
    context.onLoad({ filter: /.*/, namespace: 'virtual' }, () => {
      if (!existsSync(WIDGET_CSS)) throw new Error(`${WIDGET_CSS} is missing: run npm run build first`);
      return {
        contents: `export default ${JSON.stringify(readFileSync(WIDGET_CSS, 'utf8'))};`,
        loader: 'js',
      };
    });
  },
};

/**
 * Bundles `entry` (a path from the repository root) into one classic script; lazy imports are inlined,
 * so the page needs no other file. `jsxImportSource` is `preact` unless the entry renders React.
 */
export async function bundle(entry, { jsxImportSource = 'preact' } = {}) {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['org-chat-source', 'browser'],
    jsx: 'automatic',
    jsxImportSource,
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [widgetCss],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

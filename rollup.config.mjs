// Builds the SDK (ESM + CJS + d.ts) and the widget (ESM for npm; for the CDN a tiny IIFE loader plus
// the chat window as an ES module it imports on demand). `npm run build` runs the CSS step first.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import { dts } from 'rollup-plugin-dts';
import esbuild, { minify } from 'rollup-plugin-esbuild';

const sdkDeps = ['nanoid', 'valibot', 'ws', 'amazon-cognito-identity-js'];
const widgetDeps = ['preact', '@preact/signals', '@org/chat-sdk', 'dompurify', 'react'];
const isExternal = (deps) => (id) => deps.some((dep) => id === dep || id.startsWith(`${dep}/`));
const WIDGET_CSS = 'widget/dist/widget.css';

/** `import css from 'virtual:widget-css'` yields the compiled Tailwind stylesheet as a string. */
function widgetCss() {
  return {
    name: 'widget-css',
    resolveId: (id) => (id === 'virtual:widget-css' ? id : null),
    load(id) {
      if (id !== 'virtual:widget-css') return null;
      if (!existsSync(WIDGET_CSS))
        this.error(`${WIDGET_CSS} is missing: run node scripts/build-css.mjs first`);
      this.addWatchFile(WIDGET_CSS);
      return `export default ${JSON.stringify(readFileSync(WIDGET_CSS, 'utf8'))};`;
    },
  };
}

/** Deletes the hashed chunks an earlier build left in the output folder (a rebuild names them anew). */
function pruneStaleChunks() {
  return {
    name: 'prune-stale-chunks',
    writeBundle({ dir }, bundle) {
      for (const file of readdirSync(dir)) {
        if (/-[\w-]{8}\.js$/.test(file) && !(file in bundle)) rmSync(join(dir, file));
      }
    },
  };
}

const ts = (options = {}) =>
  esbuild({ target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact', ...options });
// The browser build of every dependency, and our workspace packages from their TypeScript source.
const browserResolve = () =>
  nodeResolve({
    browser: true,
    exportConditions: ['source', 'browser', 'import', 'default'],
    extensions: ['.ts', '.tsx', '.js', '.mjs'],
    // `buffer` (needed by amazon-cognito-identity-js) is the npm package here, not Node's builtin.
    preferBuiltins: false,
  });

/** The SDK's entry points, built as ESM, CJS and declarations alike. */
const SDK_ENTRIES = {
  index: 'sdk/src/index.ts',
  node: 'sdk/src/node.ts',
  protocol: 'sdk/src/protocol/index.ts',
  cognito: 'sdk/src/cognito.ts',
  tabs: 'sdk/src/tabs/index.ts',
};

export default [
  {
    input: SDK_ENTRIES,
    external: isExternal(sdkDeps),
    plugins: [ts()],
    output: [
      {
        dir: 'sdk/dist',
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
      {
        dir: 'sdk/dist',
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: 'chunks/[name]-[hash].cjs',
      },
    ],
  },
  {
    input: SDK_ENTRIES,
    external: isExternal(sdkDeps),
    plugins: [dts()],
    output: {
      dir: 'sdk/dist',
      format: 'es',
      entryFileNames: '[name].d.ts',
      chunkFileNames: 'chunks/[name]-[hash].d.ts',
    },
  },
  {
    // The chat window is a lazy chunk, loaded on first open, and so are the formatter (with DOMPurify)
    // and the account sign-in (with the Cognito SDK). `react` is the React wrapper's entry; React stays
    // external (an optional peer). Unhashed chunk names: the consumer's bundler fingerprints files, and
    // a rebuild overwrites the chunks instead of piling stale ones into dist/.
    input: { index: 'widget/src/index.ts', react: 'widget/src/react.ts' },
    external: isExternal(widgetDeps),
    plugins: [widgetCss(), browserResolve(), ts()],
    output: {
      dir: 'widget/dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name].js',
    },
  },
  {
    input: { index: 'widget/src/index.ts', react: 'widget/src/react.ts' },
    external: (id) => isExternal(widgetDeps)(id) || id === 'virtual:widget-css',
    plugins: [dts()],
    output: {
      dir: 'widget/dist',
      format: 'es',
      entryFileNames: '[name].d.ts',
      chunkFileNames: 'chunks/[name].d.ts',
    },
  },
  {
    // The CDN loader: draws the launcher only; everything else loads when the chat is opened.
    input: 'widget/src/cdn/loader.ts',
    plugins: [browserResolve(), ts({ minify: true })],
    output: { file: 'widget/dist/cdn/chat-widget.js', format: 'iife' },
  },
  {
    // The chat window, imported by the loader on first open; it imports the formatter (DOMPurify) and the
    // account sign-in (Cognito) as hashed chunks, only when used. bench/widget-size.mjs weighs them all.
    input: { 'chat-widget-app': 'widget/src/cdn/app.ts' },
    // The lazy chunks import shared code from the app chunk itself, rather than through a facade.
    preserveEntrySignatures: 'allow-extension',
    // commonjs: amazon-cognito-identity-js and its dependencies are CommonJS (the account chunk only).
    // Minified for es2022 like every other build (the loader, npm): es2020 rewrote the SDK's private
    // fields into WeakMap helpers, ~1 KB gzipped more.
    plugins: [
      widgetCss(),
      browserResolve(),
      commonjs(),
      ts(),
      minify({ target: 'es2022' }),
      pruneStaleChunks(),
    ],
    output: {
      dir: 'widget/dist/cdn',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
    },
  },
];

// Builds the SDK and the widget for npm (ESM + CJS, each with source maps, .d.ts and .d.cts) and the
// widget for the CDN (a tiny IIFE loader plus the chat window as content-hashed ES modules it loads on
// demand, every one checked with Subresource Integrity). `npm run build` runs the CSS step first.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import esbuild, { minify } from 'rollup-plugin-esbuild';
import { appIntegrity, loaderIntegrity } from './rollup/cdn-integrity.mjs';

// Workspace packages point this private export condition at their TypeScript source; it never ships
// (release/manifest.mjs strips it at pack time).
const SOURCE_CONDITION = 'org-chat-source';
const sdkDeps = ['nanoid', 'valibot', 'ws', 'amazon-cognito-identity-js', 'react'];
const widgetDeps = ['preact', '@preact/signals', '@org/chat-sdk', 'dompurify', 'react'];
const isExternal = (deps) => (id) => deps.some((dep) => id === dep || id.startsWith(`${dep}/`));
const WIDGET_CSS = 'widget/dist/widget.css';
const CDN = 'widget/dist/cdn';

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

/** Deletes the chunks and maps an earlier app build left in the CDN folder (a rebuild names them anew). */
function pruneStaleChunks() {
  return {
    name: 'prune-stale-chunks',
    writeBundle({ dir }, bundle) {
      for (const file of readdirSync(dir)) {
        const loader = file.startsWith('chat-widget.js');
        if (/\.js(\.map)?$/.test(file) && !loader && !(file in bundle)) rmSync(join(dir, file));
      }
    },
  };
}

/** `"use client"` on top of the React entries, which Next.js needs to render them in client components. */
const useClient = (chunk) => (chunk.isEntry && chunk.name === 'react' ? '"use client";' : '');

const ts = (options = {}) =>
  esbuild({ target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact', ...options });
// The browser build of every dependency, and our workspace packages from their TypeScript source.
const browserResolve = () =>
  nodeResolve({
    browser: true,
    exportConditions: [SOURCE_CONDITION, 'browser', 'import', 'default'],
    extensions: ['.ts', '.tsx', '.js', '.mjs'],
    // `buffer` (needed by amazon-cognito-identity-js) is the npm package here, not Node's builtin.
    preferBuiltins: false,
  });

/** ESM and CJS outputs of a package's entries, with source maps (their sources inlined: src/ does not ship). */
const esmAndCjs = (dir, chunkFileNames) => [
  {
    dir,
    format: 'es',
    sourcemap: true,
    banner: useClient,
    entryFileNames: '[name].js',
    chunkFileNames: `${chunkFileNames}.js`,
  },
  {
    dir,
    format: 'cjs',
    sourcemap: true,
    banner: useClient,
    entryFileNames: '[name].cjs',
    chunkFileNames: `${chunkFileNames}.cjs`,
  },
];

/** Declarations for ESM (.d.ts) and CommonJS (.d.cts) consumers: TypeScript reads each as its format. */
const declarations = (input, external, dir, chunkFileNames) =>
  ['.d.ts', '.d.cts'].map((extension) => ({
    input,
    external,
    plugins: [dts()],
    output: {
      dir,
      format: 'es',
      entryFileNames: `[name]${extension}`,
      chunkFileNames: `${chunkFileNames}${extension}`,
    },
  }));

/** The SDK's entry points, built as ESM, CJS and declarations alike. */
const SDK_ENTRIES = {
  index: 'sdk/src/index.ts',
  node: 'sdk/src/node.ts',
  protocol: 'sdk/src/protocol/index.ts',
  cognito: 'sdk/src/cognito.ts',
  react: 'sdk/src/react/index.ts',
  tabs: 'sdk/src/tabs/index.ts',
};

/**
 * The widget's npm entry points. The chat window, the formatter (with DOMPurify) and other languages
 * are lazy chunks the app's bundler splits too; `accounts` (Cognito sign-in) is an entry of its own that
 * only apps importing it need amazon-cognito-identity-js for. React stays external (an optional peer).
 * Unhashed chunk names: the consumer's bundler fingerprints files.
 */
const WIDGET_ENTRIES = {
  index: 'widget/src/index.ts',
  react: 'widget/src/react.ts',
  accounts: 'widget/src/accounts.ts',
};

export default [
  {
    input: SDK_ENTRIES,
    external: isExternal(sdkDeps),
    plugins: [ts()],
    // The `global` shim stays a chunk of its own, imported before amazon-cognito-identity-js.
    output: esmAndCjs('sdk/dist', 'chunks/[name]-[hash]').map((output) => ({
      ...output,
      manualChunks: (id) => (id.endsWith('cognito-global.ts') ? 'cognito-global' : undefined),
    })),
  },
  ...declarations(SDK_ENTRIES, isExternal(sdkDeps), 'sdk/dist', 'chunks/[name]-[hash]'),
  {
    input: WIDGET_ENTRIES,
    external: isExternal(widgetDeps),
    plugins: [widgetCss(), browserResolve(), ts()],
    output: esmAndCjs('widget/dist', 'chunks/[name]'),
  },
  ...declarations(
    WIDGET_ENTRIES,
    (id) => isExternal(widgetDeps)(id) || id === 'virtual:widget-css',
    'widget/dist',
    'chunks/[name]',
  ),
  {
    // The chat window, loaded by the CDN loader on first open; it imports the formatter (DOMPurify), the
    // account sign-in (Cognito) and other languages as chunks, only when used. Every file is named by its
    // content and checked by integrity (rollup/cdn-integrity.mjs), so it never changes under a page that
    // pinned a loader. bench/widget-size.mjs weighs them all. Must build before the loader, which embeds
    // the app's name and integrity.
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
      // es2022 like the loader and the npm builds (Safari 15, Chrome 84, Firefox 90): about 1 KB less
      // than es2020. Then, as for the loader, terser's whole-file passes take a few hundred bytes more off
      // the open widget's 30 KB (gzipped) budget. `reduce_funcs: false` keeps functions used once where
      // they are declared rather than inlining them into their callers: ~50 B less gzipped (the inlined
      // copies repeat code gzip could otherwise match), with the same behaviour.
      minify({ target: 'es2022' }),
      terser({ ecma: 2020, module: true, compress: { passes: 2, reduce_funcs: false } }),
      appIntegrity(),
      pruneStaleChunks(),
    ],
    output: {
      dir: CDN,
      format: 'es',
      // Hidden: the maps are uploaded beside the files for error tools, without a comment pointing at them.
      sourcemap: 'hidden',
      entryFileNames: '[name]-[hash].js',
      chunkFileNames: '[name]-[hash].js',
    },
  },
  {
    // The CDN loader: draws the launcher only; everything else loads when the chat is opened.
    input: 'widget/src/cdn/loader.ts',
    // terser after esbuild: a second, whole-file pass that takes ~130 B off the 3 KB (gzipped) budget.
    plugins: [
      browserResolve(),
      ts({ minify: true }),
      terser({ compress: { passes: 2 } }),
      loaderIntegrity(CDN),
    ],
    output: { file: `${CDN}/chat-widget.js`, format: 'iife', sourcemap: 'hidden' },
  },
];

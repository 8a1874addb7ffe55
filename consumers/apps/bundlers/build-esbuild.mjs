// esbuild, as an app would bundle for browsers: ESM with code splitting, minified.
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  platform: 'browser',
  outdir: 'dist/esbuild',
  logLevel: 'warning',
});
copyFileSync('index.html', 'dist/esbuild/index.html');

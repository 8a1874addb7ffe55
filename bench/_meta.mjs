import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const css = readFileSync('widget/dist/widget.css', 'utf8');
const entry = process.argv[2] ?? 'widget/src/cdn/app.ts';
const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'error',
  splitting: true,
  outdir: '/tmp/x',
  conditions: ['org-chat-source', 'browser', 'import', 'default'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  plugins: [
    {
      name: 'v',
      setup(b) {
        b.onResolve({ filter: /^virtual:/ }, (a) => ({ path: a.path, namespace: 'v' }));
        b.onLoad({ filter: /.*/, namespace: 'v' }, (a) => ({
          contents:
            a.path === 'virtual:widget-css' ? `export default ${JSON.stringify(css)}` : 'export default {}',
          loader: 'js',
        }));
      },
    },
  ],
});
const main = Object.entries(result.metafile.outputs).find(([n, o]) => o.entryPoint);
console.log(
  main[0],
  main[1].bytes,
  'gz',
  gzipSync(result.outputFiles.find((f) => f.path.endsWith(main[0].split('/').pop())).contents, { level: 9 })
    .length,
);
const rows = Object.entries(main[1].inputs)
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
  .slice(0, +process.argv[3] || 40);
for (const [k, v] of rows) console.log(String(v.bytesInOutput).padStart(6), k);

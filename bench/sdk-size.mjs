// Prints what a browser bundle ships for `createChatClient` + `guestAuth` (esbuild, minified, gzip -9),
// against the 6 KB budget. Run after `npm run build`. Exits 1 when over budget.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The SDK's size budget, gzipped bytes. */
export const SDK_BUDGET = 6 * 1024;

/** Figures for comparison, measured the same way, as quoted in the SDK issue (not re-measured here). */
export const QUOTED = {
  'socket.io-client': 13_500,
  'pusher-js': 19_000,
  ably: 58_000,
  'stream-chat': 104_000,
};

/** Bundles `imports` from the built SDK for browsers and returns raw and gzipped sizes. */
export async function measureSdk(imports = ['createChatClient', 'guestAuth']) {
  const result = await build({
    stdin: {
      contents: `import { ${imports.join(', ')} } from './sdk/dist/index.js'; globalThis.__keep = [${imports.join(', ')}];`,
      resolveDir: process.cwd(),
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = await measureSdk();
  console.log(
    `SDK (createChatClient + guestAuth): ${size.raw} B minified, ${size.gzip} B gzipped; budget ${SDK_BUDGET} B`,
  );
  for (const [name, bytes] of Object.entries(QUOTED))
    console.log(`  for scale (quoted): ${name} ≈ ${bytes} B`);
  if (size.gzip > SDK_BUDGET) {
    console.error('over budget');
    process.exit(1);
  }
}

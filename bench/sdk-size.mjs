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

/**
 * Bundles `contents` (imports from the built SDK, resolved from the repository root) for browsers,
 * minified, with React left out (an app using the hooks has it anyway); returns the code.
 */
async function browserBundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['react'],
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].contents;
}

/** Gzipped bytes, at the level the budgets are set in. */
const gzipped = (code) => gzipSync(code, { level: 9 }).length;

/** Bundles `imports` from the built SDK for browsers and returns raw and gzipped sizes. */
export async function measureSdk(imports = ['createChatClient', 'guestAuth']) {
  const code = await browserBundle(
    `import { ${imports.join(', ')} } from './sdk/dist/index.js'; globalThis.__keep = [${imports.join(', ')}];`,
  );
  return { raw: code.length, gzip: gzipped(code) };
}

/** The React hooks entry's hooks. */
export const REACT_HOOKS = [
  'useChatClient',
  'useRoom',
  'useMessages',
  'useOutbox',
  'usePresence',
  'useTyping',
];

/**
 * What `@org/chat-sdk/react` adds to an app: every hook, bundled for browsers with React left out (the
 * app has it anyway) and the SDK core counted apart (an app using the hooks also creates a client).
 */
export async function measureReactHooks() {
  const core = `import { createChatClient, guestAuth } from './sdk/dist/index.js'; globalThis.__keep = [createChatClient, guestAuth];`;
  const hooks = `import { ${REACT_HOOKS.join(', ')} } from './sdk/dist/react.js'; globalThis.__hooks = [${REACT_HOOKS.join(', ')}];`;
  const alone = await browserBundle(hooks);
  const both = await browserBundle(`${core}\n${hooks}`);
  const coreOnly = await browserBundle(core);
  return {
    raw: alone.length,
    gzip: gzipped(alone),
    /** Bytes the hooks add on top of the SDK core in the same bundle (shared code counted once). */
    addedToCore: gzipped(both) - gzipped(coreOnly),
  };
}

/**
 * What sharing one WebSocket among tabs adds (`sharedChatClient` of `@org/chat-sdk/tabs`, used instead
 * of `createChatClient`): the same client, with the tabs' election and the relay, bundled for browsers.
 */
export async function measureSharing() {
  const gzip = gzipped(
    await browserBundle(
      `import { guestAuth } from './sdk/dist/index.js'; import { sharedChatClient } from './sdk/dist/tabs.js'; globalThis.__keep = [sharedChatClient, guestAuth];`,
    ),
  );
  return { gzip, addedToCore: gzip - (await measureSdk()).gzip };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = await measureSdk();
  console.log(
    `SDK (createChatClient + guestAuth): ${size.raw} B minified, ${size.gzip} B gzipped; budget ${SDK_BUDGET} B`,
  );
  const hooks = await measureReactHooks();
  console.log(
    `React hooks (@org/chat-sdk/react, all six): ${hooks.gzip} B gzipped alone, +${hooks.addedToCore} B on top of the core`,
  );
  const sharing = await measureSharing();
  console.log(
    `Shared connection (@org/chat-sdk/tabs sharedChatClient + guestAuth): ${sharing.gzip} B gzipped, +${sharing.addedToCore} B on top of the core (which it leaves unchanged)`,
  );
  for (const [name, bytes] of Object.entries(QUOTED))
    console.log(`  for scale (quoted): ${name} ≈ ${bytes} B`);
  if (size.gzip > SDK_BUDGET) {
    console.error('over budget');
    process.exit(1);
  }
}

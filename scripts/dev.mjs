// `npm run dev`: the local stack of `npm start`, plus rebuilds on every change. rollup (watch mode)
// rebuilds the SDK and the widget, the CSS step rebuilds the widget's stylesheet when anything under
// widget/src changes, and serverless-esbuild rebuilds the handlers, which serverless-offline then
// reloads (they run in worker threads here, see `reloadHandlers`). Reload the page to see a change.

import { watch } from 'rollup';
import { loadConfigFile } from 'rollup/loadConfigFile';
import { buildCss, watchCss } from './build-css.mjs';
import { printBanner } from './lib/banner.mjs';
import { configFromEnv, ROOT, startStack } from './local-stack.mjs';

const log = (message) => console.log(`[dev] ${message}`);

log(await buildCss());
const stopCss = watchCss((line) => log(line));
const rollup = await watchBundles();

const config = { ...configFromEnv(), reloadHandlers: true };
config.onConfirmationCode = ({ code, destination, username }) =>
  console.log(`[cognito-local] confirmation code for ${destination ?? username}: ${code}`);
const stack = await startStack(config).catch(async (error) => {
  console.error(`\nThe local stack failed to start.\n${error.message}`);
  await rollup.close();
  process.exit(1);
});
printBanner(
  config,
  stack,
  '\nWatching: sdk/src and widget/src (rollup, CSS), backend/src (handlers reload on the next request).',
);

let stopping = false;
const shutdown = async (reason, code = 0) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${reason}: stopping…`);
  stopCss();
  await rollup.close();
  await stack.stop();
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(signal));
stack.crashed.then(({ name, code, signal, output }) =>
  shutdown(`${name} exited (${signal ?? `code ${code}`}):\n${output}\n`, 1),
);

/** Runs rollup.config.mjs in watch mode; resolves with the watcher once the first build is written. */
async function watchBundles() {
  const { options, warnings } = await loadConfigFile(`${ROOT}/rollup.config.mjs`, {});
  warnings.flush();
  const watcher = watch(options.map((option) => ({ ...option, watch: { clearScreen: false } })));
  let first = true;
  await new Promise((ready, fail) => {
    watcher.on('event', (event) => {
      if (event.code === 'BUNDLE_END') event.result.close();
      if (event.code === 'ERROR') {
        event.result?.close();
        log(`rollup: ${event.error.message}`);
        if (first) fail(event.error);
      }
      if (event.code === 'END') {
        log(first ? 'SDK and widget built; rebuilding on change' : 'SDK and widget rebuilt');
        first = false;
        ready();
      }
    });
  });
  return watcher;
}

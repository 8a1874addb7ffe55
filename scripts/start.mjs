// `npm start`: runs the whole product locally until Ctrl-C (or until its terminal closes). Each part
// also exits by itself if this process is killed (see lib/exit-with-parent.mjs), freeing every port.

import { printBanner } from './lib/banner.mjs';
import { configFromEnv, startStack } from './local-stack.mjs';

const config = configFromEnv();
config.onConfirmationCode = ({ code, destination, username }) =>
  console.log(`[cognito-local] confirmation code for ${destination ?? username}: ${code}`);
const stack = await startStack(config).catch((error) => {
  console.error(`\nThe local stack failed to start.\n${error.message}`);
  process.exit(1);
});
printBanner(config, stack);

let stopping = false;
const shutdown = async (reason, code = 0) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${reason}: stopping…`);
  await stack.stop();
  process.exit(code);
};
// Ctrl-C, `kill`, and a closed terminal (SIGHUP) stop every part the same way.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(signal));
// A part that dies alone leaves a stack that half works: stop the rest and say which.
stack.crashed.then(({ name, code, signal, output }) =>
  shutdown(`${name} exited (${signal ?? `code ${code}`}):\n${output}\n`, 1),
);

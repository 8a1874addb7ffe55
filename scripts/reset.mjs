// `npm run reset`: deletes the local stack's data (DATA_DIR, default .local/): the DynamoDB table and its
// messages, the user pool with its accounts, and the guest-token key. Asks nothing. Refuses while a stack
// runs on that data (stop it first), and refuses a folder that does not look like a stack's data.
import { readdirSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { runningStack } from './lib/stack-record.mjs';
import { configFromEnv, ROOT } from './local-stack.mjs';

/** What a stack keeps in its data folder; anything else means DATA_DIR points somewhere it should not. */
const DATA_ENTRIES = new Set(['dynamodb', 'cognito', 'cognito.json', 'guest-token-secret', 'stack.json']);

const { dataDir } = configFromEnv();
const shown = relative(ROOT, dataDir).startsWith('..') ? dataDir : relative(ROOT, dataDir) || '.';
let entries;
try {
  entries = readdirSync(dataDir);
} catch {
  console.log(`Nothing to reset: ${shown} does not exist.`);
  process.exit(0);
}
const running = runningStack(dataDir);
if (running) {
  console.error(
    `A local stack (process ${running.alive.join(', ')}) is running on ${shown}: stop it first (Ctrl-C where it runs), then run npm run reset again.`,
  );
  process.exit(1);
}
const foreign = entries.filter((entry) => !DATA_ENTRIES.has(entry));
if (foreign.length) {
  console.error(
    `${shown} holds files a local stack does not make (${foreign.slice(0, 5).join(', ')}): not deleting it. Check DATA_DIR.`,
  );
  process.exit(1);
}
rmSync(dataDir, { recursive: true, force: true });
console.log(
  `Removed ${shown}: messages, rooms, accounts and the guest-token key. The next npm start creates them anew.`,
);

// Cold-load time of each Lambda bundle: `require()` of the serverless-esbuild output in a fresh Node
// process (the module-init part of a Lambda cold start: the AWS SDK is loaded from node_modules, as the
// runtime provides it), with --enable-source-maps as serverless.yml sets. Median of several runs.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { median } from './lib/stats.mjs';

const run = promisify(execFile);
const RUNS = 7;

// The configuration a handler reads at cold start; nothing is called while loading.
const ENV = {
  PATH: process.env.PATH,
  TABLE_NAME: 'cold-load',
  GUEST_TOKEN_SECRET: 'cold-load-secret-cold-load-secret-0123456',
  COGNITO_USER_POOL_ID: 'local_coldload',
  COGNITO_CLIENT_ID: 'cold-load',
  AWS_REGION: 'eu-west-1',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  CONNECTIONS_URL: 'http://127.0.0.1:9',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  MINIMAL_TABLE: 'cold-load',
};

const PROBE = `const t = process.hrtime.bigint(); require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;

/** Every `.cjs` bundle under `folder`. */
export function findBundles(folder) {
  if (!existsSync(folder)) return [];
  const found = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...findBundles(path));
    else if (name.endsWith('.cjs')) found.push(path);
  }
  return found.sort();
}

/**
 * Measures each bundle of `groups` ({ label: folder }); resolves with one row per bundle. Runs go
 * round the bundles, so a burst of load on the machine spreads over all of them.
 */
export async function coldLoadBench({ groups, log, runs = RUNS }) {
  const bundles = [];
  for (const [group, folder] of Object.entries(groups)) {
    const found = findBundles(folder);
    if (found.length === 0) throw new Error(`no bundles in ${folder}`);
    for (const path of found) bundles.push({ group, folder, path, times: [] });
  }
  log(`cold load: ${bundles.length} bundles, ${runs} runs each`);
  for (let i = 0; i < runs; i++) {
    for (const bundle of bundles) {
      const { stdout } = await run(process.execPath, ['--enable-source-maps', '-e', PROBE, bundle.path], {
        env: ENV,
        cwd: bundle.folder,
      });
      bundle.times.push(Number(stdout));
    }
  }
  return bundles.map(({ group, folder, path, times }) => ({
    group,
    bundle: relative(folder, path),
    bytes: statSync(path).size,
    medianMs: Math.round(median(times) * 10) / 10,
    runsMs: times.map((t) => Math.round(t * 10) / 10),
  }));
}

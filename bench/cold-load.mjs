// Cold-load time of each Lambda bundle: `require()` of the serverless-esbuild output in a fresh Node
// process (the module-init part of a Lambda cold start), with the NODE_OPTIONS serverless.yml gives the
// functions. Our bundles hold the parts of the AWS SDK they use (serverless.yml `custom.esbuild`); the
// minimal handler loads the SDK from node_modules, as the Lambda runtime provides it, and, for
// reference, is also built the way ours are. Measured as the CPU time the load takes (user + system):
// on a shared machine wall time mostly measures waiting for a core. Median of several runs, taken
// round-robin over the bundles so a burst of load falls on all of them.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { ROOT } from '../scripts/local-stack.mjs';
import { median } from './lib/stats.mjs';

const run = promisify(execFile);
const RUNS = 9;

// The configuration a handler reads at cold start; nothing is called while loading.
const ENV = {
  PATH: process.env.PATH,
  NODE_NO_WARNINGS: '1',
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

const PROBE = `const cpu = process.cpuUsage(); const t = process.hrtime.bigint(); require(process.argv[1]);
const used = process.cpuUsage(cpu); const wall = Number(process.hrtime.bigint() - t) / 1e6;
process.stdout.write(JSON.stringify({ cpu: (used.user + used.system) / 1000, wall }));`;

/** The Node options serverless.yml gives every function (`provider.environment.NODE_OPTIONS`), if any. */
export function functionNodeOptions(yaml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8')) {
  const found = /^ {4}NODE_OPTIONS:\s*(.+)$/m.exec(yaml);
  return found ? found[1].trim().split(/\s+/) : [];
}

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
 * The minimal handler built the way serverless.yml builds ours (AWS SDK bundled as ES modules), into
 * a folder of its own: the reference for what bundling alone gives.
 */
export async function buildMinimalLikeOurs() {
  const folder = join(ROOT, '.esbuild/bench-minimal-bundled');
  await build({
    entryPoints: [join(ROOT, 'bench/minimal/handler.ts')],
    outfile: join(folder, 'handler.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    mainFields: ['module', 'main'],
    conditions: ['source', 'module'],
    logLevel: 'error',
  });
  return folder;
}

/**
 * Measures each bundle of `groups` ({ label: folder }); resolves with one row per bundle. Runs go
 * round the bundles, so a burst of load on the machine spreads over all of them.
 */
export async function coldLoadBench({ groups, log, runs = RUNS }) {
  const flags = functionNodeOptions();
  const bundles = [];
  for (const [group, folder] of Object.entries(groups)) {
    const found = findBundles(folder);
    if (found.length === 0) throw new Error(`no bundles in ${folder}`);
    for (const path of found) bundles.push({ group, folder, path, cpu: [], wall: [] });
  }
  log(
    `cold load: ${bundles.length} bundles, ${runs} runs each${flags.length ? ` with ${flags.join(' ')}` : ''}`,
  );
  for (let i = 0; i < runs; i++) {
    for (const bundle of bundles) {
      const { stdout } = await run(process.execPath, [...flags, '-e', PROBE, bundle.path], {
        env: ENV,
        cwd: bundle.folder,
      });
      const { cpu, wall } = JSON.parse(stdout);
      bundle.cpu.push(cpu);
      bundle.wall.push(wall);
    }
  }
  const round = (ms) => Math.round(ms * 10) / 10;
  return bundles.map(({ group, folder, path, cpu, wall }) => ({
    group,
    bundle: relative(folder, path),
    bytes: statSync(path).size,
    medianMs: round(median(cpu)),
    wallMedianMs: round(median(wall)),
    runsMs: cpu.map(round),
  }));
}

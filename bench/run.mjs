// `npm run bench`: runs every benchmark, prints one table on stdout (progress goes to stderr) and
// writes everything measured to bench/results/latest.json (a partial run to only-<names>.json).
// Starts its own stacks on ports from BENCH_PORT_BASE (default 19500) and stops them at the end.
//
//   node bench/run.mjs                      # everything (~30 minutes on 2 cores)
//   node bench/run.mjs --only sizes,cost    # some: sizes, lighthouse, cold, cost, idle, latency,
//                                           #   order, throughput, storm, bigroom
//   BENCH_SIZES=10,100 node bench/run.mjs   # latency at some room sizes only
//   BENCH_ROUNDS=1 node bench/run.mjs       # one round of latency, throughput and storm (default 3)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT } from '../scripts/local-stack.mjs';
import { renderTable } from './lib/table.mjs';
import { writeBenchmarkDocs } from './lib/write-docs.mjs';

const ALL = [
  'sizes',
  'lighthouse',
  'cold',
  'cost',
  'idle',
  'latency',
  'order',
  'throughput',
  'storm',
  'bigroom',
  'tabs',
  'moderation',
];
/** Benchmarks that need no stack: they run first, on a quieter machine. */
const WITHOUT_STACK = ['sizes', 'lighthouse'];
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1].split(',') : ALL;
const unknown = only.filter((name) => !ALL.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
  process.exit(2);
}
const started = performance.now();
/** Load average (1 min) at each progress line: how busy the shared machine was during each phase. */
const loadLog = [];
const log = (message) => {
  loadLog.push({ at: Math.round((performance.now() - started) / 1000), load1: loadavg()[0], message });
  logLine(message);
};
const logLine = (message) =>
  console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

ensureBuild();
// Imported after the build: they load the built SDK.
const { sizesBench } = await import('./sizes.mjs');
const { lighthouseBench } = await import('./lighthouse.mjs');
const { buildMinimalLikeOurs, coldLoadBench } = await import('./cold-load.mjs');
const { costBench } = await import('./cost.mjs');
const { idleBench } = await import('./idle.mjs');
const { latencyBench, PATTERNS } = await import('./latency.mjs');
const { orderBench } = await import('./order.mjs');
const { throughputBench } = await import('./throughput.mjs');
const { stormBench } = await import('./storm.mjs');
const { bigRoomBench } = await import('./big-room.mjs');
const { benchPorts, startBenchStacks } = await import('./lib/stacks.mjs');
const { quiet } = await import('./lib/stats.mjs');
const { bareTarget, minimalTarget, oursTarget } = await import('./lib/targets.mjs');

const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  },
  commit: git('rev-parse', '--short', 'HEAD'),
  uncommittedChanges: git('status', '--porcelain') !== '',
};

if (only.includes('sizes')) {
  log('bundle sizes');
  results.sizes = await sizesBench();
}
if (only.includes('lighthouse')) {
  // The widget only draws its launcher until opened: it needs no backend, so this runs before the stacks.
  results.lighthouse = await lighthouseBench({
    ours: { ws: 'ws://127.0.0.1:9', http: 'http://127.0.0.1:9' },
    port: benchPorts().pages,
    log,
  });
}

const needsStack = only.some((name) => !WITHOUT_STACK.includes(name));
if (needsStack) {
  const stacks = await startBenchStacks({ log });
  // Closing many clients runs as many $disconnect handlers: each phase waits for them to finish.
  const settle = () => quiet(stacks.proxy, 1000);
  try {
    if (only.includes('cold')) {
      results.coldLoad = await coldLoadBench({
        groups: {
          ours: stacks.ours.bundles,
          minimal: stacks.minimal.bundles,
          minimalBundled: await buildMinimalLikeOurs(),
        },
        log,
      });
    }
    if (only.includes('cost')) {
      results.cost = await costBench({ ours: stacks.ours, proxy: stacks.proxy, log });
      await settle();
    }
    if (only.includes('idle')) {
      results.idle = await idleBench({ ours: stacks.ours, proxy: stacks.proxy, log });
      await settle();
    }
    if (only.includes('latency') || only.includes('throughput')) {
      const ours = await oursTarget(stacks.ours);
      const minimal = minimalTarget(stacks.minimal);
      if (only.includes('latency')) {
        const sizes = process.env.BENCH_SIZES?.split(',').map(Number);
        const patterns = sizes ? PATTERNS.filter((p) => sizes.includes(p.size)) : PATTERNS;
        results.latency = await latencyBench({
          targets: [bareTarget(stacks.bare), minimal, ours],
          proxy: stacks.proxy,
          log,
          patterns,
        });
        await settle();
      }
      if (only.includes('throughput')) {
        results.throughput = await throughputBench({
          ours: stacks.ours,
          targets: [minimal, ours],
          proxy: stacks.proxy,
          processes: stacks.processes,
          log,
        });
        await settle();
      }
    }
    if (only.includes('order')) {
      results.order = await orderBench({ ours: stacks.ours, log });
      await settle();
    }
    if (only.includes('tabs'))
      results.tabs = await (await import('./tabs.mjs')).tabsBench({ ...stacks, log });
    if (only.includes('storm')) {
      results.storm = await stormBench({ ours: stacks.ours, storm: stacks.storm, proxy: stacks.proxy, log });
      await settle();
    }
    if (only.includes('bigroom')) {
      results.bigRoom = await bigRoomBench({ ours: stacks.ours, proxy: stacks.proxy, log });
    }
  } finally {
    log('stopping the stacks');
    await stacks.stop();
  }
}

if (only.includes('moderation')) {
  // Stacks of its own (without and with the sample hook), on ports apart, after ours are stopped.
  log('moderation: calls and latency of a moderated send next to an unmoderated one (bench/moderation.mjs)');
  const run = spawnSync(process.execPath, [join(ROOT, 'bench/moderation.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 2],
  });
  if (run.status !== 0) throw new Error('bench/moderation.mjs failed');
  results.moderation = JSON.parse(readFileSync(join(ROOT, 'bench/results/moderation.json'), 'utf8')).rows;
}

results.machine.loadAverageAtEnd = loadavg().map((n) => Math.round(n * 100) / 100);
results.progress = loadLog.map((entry) => ({ ...entry, load1: Math.round(entry.load1 * 100) / 100 }));
results.seconds = Math.round((performance.now() - started) / 1000);
const { table, failures } = renderTable(results);
results.failures = failures;
const folder = join(ROOT, 'bench/results');
mkdirSync(folder, { recursive: true });
// A partial run (--only) leaves the last full run's figures alone.
const file = join(folder, only.length === ALL.length ? 'latest.json' : `only-${only.join('-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
// A full run also rewrites the figures in docs/benchmarks.md, with the commit they were measured at.
if (file.endsWith('latest.json')) writeBenchmarkDocs(results);

console.log(table);
console.log(
  `\n${results.machine.cpus} × ${results.machine.model}, Node ${process.version}; load average ${results.machine.loadAverageAtStart.join(' ')} at start, ${results.machine.loadAverageAtEnd.join(' ')} at end; ${results.seconds} s.`,
);
console.log(`Wrote ${relative(process.cwd(), file) || file}`);
if (failures.length) {
  console.log(`\nFailed checks:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
}

/** Builds the SDK and widget when their dist files are missing. */
function ensureBuild() {
  const needed = [
    'sdk/dist/index.js',
    'sdk/dist/node.js',
    'widget/dist/cdn/chat-widget.js',
    'widget/dist/cdn/integrity.json',
  ];
  if (needed.every((file) => existsSync(join(ROOT, file)))) return;
  log('dist is missing: running npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error('npm run build failed');
}

function git(...args) {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

// Preloaded (NODE_OPTIONS=--require) into a process the bench profiles (BENCH_CPU_PROFILE, see
// bench/lib/stacks.mjs): records a V8 CPU profile from start to exit and writes it to
// $BENCH_CPU_PROFILE_OUT/<pid>.cpuprofile (`--cpu-prof` itself is not allowed in NODE_OPTIONS).
const { mkdirSync, writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const { isMainThread } = require('node:worker_threads');

const folder = process.env.BENCH_CPU_PROFILE_OUT;
if (folder && isMainThread) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  // A process without handlers of its own would die on these signals without an 'exit' event.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      if (process.listenerCount(signal) === 0) process.exit(0);
    });
  }
  process.once('exit', () => {
    // A session on this thread answers synchronously, so the profile is written before the exit.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(folder, { recursive: true });
      writeFileSync(`${folder}/${process.pid}.cpuprofile`, JSON.stringify(result.profile));
    });
  });
}

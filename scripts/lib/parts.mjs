// The processes of the local stack ("parts"): each runs `node` in a process group of its own, with the
// exit-with-parent preload, so it ends when the process that started it ends, however that happens.
import { spawn } from 'node:child_process';

/** Preloaded into every part: it exits when this process is gone (see exit-with-parent.mjs). */
const EXIT_WITH_PARENT = new URL('./exit-with-parent.mjs', import.meta.url).href;

/**
 * Spawns `node <args>` as a part of the stack. Its stdin is a pipe from this process, which the
 * preloaded exit-with-parent module watches: the part exits when this process is gone.
 */
export function spawnPart(name, args, { cwd, env, quiet, onOutput }) {
  // Own process group, so stopping kills grandchildren (esbuild) too.
  const child = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, ...args], {
    cwd,
    env: { ...env, CHAT_STACK_CHILD: '1' },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.label = name;
  child.output = '';
  const collect = (chunk) => {
    child.output = (child.output + chunk).slice(-20_000);
    onOutput?.(chunk);
    if (!quiet) process.stdout.write(prefixLines(name, chunk.toString()));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // Writing to a child that just exited must not crash the stack.
  child.stdin.on('error', () => {});
  child.exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  return child;
}

function prefixLines(name, text) {
  return text.replace(/^(?=.)/gm, `[${name}] `);
}

/** Sends `signal` to a part's whole process group (the part and whatever it started). */
export function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops a part: SIGTERM to its group, SIGKILL after 5 s; resolves once it has exited. */
export async function stopPart(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
}

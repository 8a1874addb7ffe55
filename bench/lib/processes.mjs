// Child processes of the bench: each in its own process group, so stopping it also stops what it
// started (esbuild under serverless-offline), and all of them are killed if the bench dies.
import { spawn } from 'node:child_process';

const running = new Set();
process.once('exit', () => {
  for (const child of running) kill(child, 'SIGKILL');
});

/**
 * Starts `node <args>` and resolves once its output matches `ready` (a RegExp).
 * The child has `stop()`; its last output is kept for error messages.
 */
export function startNode(name, args, { cwd, env = process.env, ready = /^ready$/m, timeoutMs = 180_000 }) {
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.output = '';
  child.exited = new Promise((resolve) => child.once('exit', resolve));
  child.stop = () => stop(child);
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`${name} not ready after ${timeoutMs} ms`)), timeoutMs);
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop(child).then(() => reject(new Error(`${error.message}\n${child.output.slice(-3000)}`)));
    };
    const collect = (chunk) => {
      child.output = (child.output + chunk).slice(-20_000);
      if (!settled && ready.test(child.output)) {
        settled = true;
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => fail(new Error(`${name} exited (${code})`)));
  });
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return;
  }
  kill(child, 'SIGTERM');
  const timer = setTimeout(() => kill(child, 'SIGKILL'), 5000);
  await child.exited;
  clearTimeout(timer);
  running.delete(child);
}

function kill(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

// Preloaded (`node --import`) into every process the local stack spawns. The stack holds the write end
// of this process's stdin pipe; the kernel closes it when the stack's process ends in any way (Ctrl-C,
// a closed terminal, SIGKILL), so end-of-file here means the parent is gone: exit, freeing the ports.
// Signals cannot do this: the children run in process groups of their own (so that stopping one ends
// its grandchildren too), and a SIGHUP or SIGKILL sent to `npm start`'s group never reaches them.
import { isMainThread } from 'node:worker_threads';

// Worker threads (serverless-offline's handler workers) inherit the preload; only the process exits.
if (isMainThread && process.env.CHAT_STACK_CHILD === '1') {
  const exit = () => process.exit(0);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  process.stdin.on('error', exit);
  process.stdin.resume();
}

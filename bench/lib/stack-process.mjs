// Our local stack in a process of its own (started by bench/lib/stacks.mjs): `startStack` of
// scripts/local-stack.mjs with the settings given as JSON in argv[2]. So the stack's local gateway runs
// on an event loop of its own, apart from the load generator, as the minimal handler's gateway does
// (bench/lib/gateway-process.mjs). Prints `ready <JSON of urls and cognito>` once up; its control port
// answers GET /gateway with the gateway's counters (pongs answered, frames passed on to functions) and
// GET /queue with the departures queue's (bench/lib/stats.mjs quiet waits for none pending).
import { configFromEnv, startStack } from '../../scripts/local-stack.mjs';
import { serveStats } from './gateway-control.mjs';

const { controlPort, ...settings } = JSON.parse(process.argv[2] ?? '{}');
const stack = await startStack({ ...configFromEnv({}), ...settings });

const control = await serveStats(controlPort, { '/gateway': stack.gateway, '/queue': stack.queue });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  control.close();
  await stack.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
stack.crashed.then(({ name, output }) => {
  process.stderr.write(`${name} exited:\n${output}\n`);
  process.exit(1);
});
process.stdout.write(`ready ${JSON.stringify({ urls: stack.urls, cognito: stack.cognito })}\n`);

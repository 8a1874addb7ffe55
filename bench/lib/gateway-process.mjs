// The local gateway (scripts/local-gateway.mjs) in front of the minimal handler's serverless-offline, in a
// process of its own: the minimal stack then has the same front as ours (ping answered without a
// function, 128 KB limit, idle timeout) and the same extra hop, so the floor stays a fair one.
// Argument: JSON `{ port, upstream, controlPort }`. Prints `ready`; GET /gateway on the control port
// answers with the gateway's counters.
import { startLocalGateway } from '../../scripts/local-gateway.mjs';
import { serveStats } from './gateway-control.mjs';

const { port, upstream, controlPort } = JSON.parse(process.argv[2] ?? '{}');
const gateway = await startLocalGateway({ port, upstream });
const control = await serveStats(controlPort, { '/gateway': gateway.stats });
const stop = async () => {
  control.close();
  await gateway.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdout.write('ready\n');

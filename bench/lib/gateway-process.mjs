// The local gateway (scripts/local-gateway.mjs) in front of the minimal handler's serverless-offline, in a
// process of its own: the minimal stack then has the same front as ours (ping answered without a
// function, 128 KB limit, idle timeout) and the same extra hop, so the floor stays a fair one.
// Argument: JSON `{ port, upstream, controlPort }`. Prints `ready`; GET /gateway on the control port
// answers with the gateway's counters.
import { createServer } from 'node:http';
import { startLocalGateway } from '../../scripts/local-gateway.mjs';

const { port, upstream, controlPort } = JSON.parse(process.argv[2] ?? '{}');
const gateway = await startLocalGateway({ port, upstream });
const control = createServer((req, res) => {
  if (req.url !== '/gateway') {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(gateway.stats));
});
await new Promise((resolve) => control.listen(controlPort, '127.0.0.1', resolve));
const stop = async () => {
  control.close();
  await gateway.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdout.write('ready\n');

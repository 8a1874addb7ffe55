// The control port of a bench process that runs a local gateway (stack-process.mjs, gateway-process.mjs):
// GET /gateway answers with the gateway's counters (pongs answered, frames passed on to functions,
// frames dropped for size), which bench/lib/stacks.mjs reads from the load generator's process.
import { createServer } from 'node:http';

/** Serves `stats` (read at each request) on 127.0.0.1:`port`; resolves with the server once listening. */
export async function serveGatewayStats(port, stats) {
  const control = createServer((req, res) => {
    if (req.url !== '/gateway') {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(stats));
  });
  await new Promise((resolve) => control.listen(port, '127.0.0.1', resolve));
  return control;
}

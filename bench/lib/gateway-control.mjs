// The control port of a bench process that runs a local gateway (stack-process.mjs, gateway-process.mjs):
// GET /gateway answers with the gateway's counters (pongs answered, frames passed on to functions,
// frames dropped for size), and in our stack's process GET /queue with the departures queue's
// (messages still waiting out the presence grace period), which bench/lib/stacks.mjs reads from the
// load generator's process.
import { createServer } from 'node:http';

/** Serves each route's counters (read at each request) on 127.0.0.1:`port`; resolves once listening. */
export async function serveStats(port, routes) {
  const control = createServer((req, res) => {
    const stats = routes[req.url ?? ''];
    if (!stats) {
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

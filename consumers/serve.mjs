// Serves a built app's folder over HTTP (as any static host would), and waits for servers to answer.
import { createServer } from 'node:http';
import sirv from 'sirv';

/** Serves `dir` on 127.0.0.1:`port`; resolves with its URL and `close()`. */
export async function serveFolder(dir, port) {
  const handler = sirv(dir, { dev: true, single: false });
  const server = createServer((request, response) => handler(request, response));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Resolves once `url` answers with a 2xx; rejects after `timeoutMs`. */
export async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Serves the demo page (examples/demo) and the widget's CDN build (widget/dist/cdn) for local use.
// HTML files get {{WS_URL}} and {{HTTP_URL}} filled in, so the page points at the running stack.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

/** Starts the static server; resolves with a function that closes it. */
export async function startStaticServer({ port, root, values }) {
  const options = { dev: true, etag: true };
  const demo = sirv(join(root, 'examples/demo'), options);
  // The loader imports the chat window with import(), a CORS request: a third-party page on another
  // origin needs this header, as it would from a real CDN.
  const widget = sirv(join(root, 'widget/dist/cdn'), {
    ...options,
    setHeaders: (res) => res.setHeader('access-control-allow-origin', '*'),
  });
  const pages = new Map([
    ['/', 'examples/demo/index.html'],
    ['/index.html', 'examples/demo/index.html'],
    ['/third-party.html', 'examples/demo/third-party.html'],
  ]);
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const page = pages.get(path);
    if (page) {
      const html = await readFile(join(root, page), 'utf8').catch(() => undefined);
      if (html !== undefined) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(html.replace(/\{\{(\w+)\}\}/g, (match, key) => values[key] ?? match));
        return;
      }
    }
    widget(req, res, () =>
      demo(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }),
    );
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, ok);
  });
  return () => new Promise((ok) => server.close(() => ok()));
}

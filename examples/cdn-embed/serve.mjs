// Serves index.html on its own origin, with the script tag pointed at a chat stack; a stand-in for
// whatever web server hosts a real third-party page. Run: `node examples/cdn-embed/serve.mjs`, or import
// `serveEmbedPage` (the example's test does).
//   PORT=5500 WIDGET_URL=http://localhost:8080/chat-widget.js CHAT_WS_URL=ws://localhost:3001 \
//   CHAT_HTTP_URL=http://localhost:3000 CHAT_ROOM=lobby node examples/cdn-embed/serve.mjs
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const PAGE = new URL('./index.html', import.meta.url);

/** The page with the script tag's `src` and `data-*` values replaced by those given. */
export async function embedPage({ widgetUrl, wsUrl, httpUrl, room }) {
  const values = { src: widgetUrl, 'data-ws-url': wsUrl, 'data-http-url': httpUrl, 'data-room': room };
  const html = await readFile(PAGE, 'utf8');
  return html.replace(/<script\b[^>]*\bchat-widget\.js[^>]*>/, (tag) =>
    tag.replace(/([\w-]+)="[^"]*"/g, (attribute, name) =>
      values[name] === undefined ? attribute : `${name}="${escapeAttribute(values[name])}"`,
    ),
  );
}

/** Serves the page at `/` on `host:port`; resolves with its URL and `close()`. */
export async function serveEmbedPage({ port = 5500, host = '127.0.0.1', ...options }) {
  const server = createServer(async (req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(await embedPage(options));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    url: `http://${host}:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function escapeAttribute(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serveEmbedPage({
    port: Number(process.env.PORT || 5500),
    widgetUrl: process.env.WIDGET_URL || 'http://localhost:8080/chat-widget.js',
    wsUrl: process.env.CHAT_WS_URL || 'ws://localhost:3001',
    httpUrl: process.env.CHAT_HTTP_URL || 'http://localhost:3000',
    room: process.env.CHAT_ROOM || 'lobby',
  });
  console.log(`Third-party page: ${url}  (Ctrl-C to stop)`);
}

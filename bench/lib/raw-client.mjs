// A light WebSocket client for load generation: raw frames, requests matched by `ref`, and a
// callback for `message` frames. Hundreds of these cost the bench process far less than SDK clients.
import WebSocket from 'ws';

/** A raw protocol client (ours, the minimal handler's and the bare server's frames have one shape). */
export class RawClient {
  #pending = new Map();
  #nextRef = 0;
  /** Called with `frame.message` of every `message` frame. */
  onMessage = undefined;

  constructor(socket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'message') {
        this.onMessage?.(frame.message);
        return;
      }
      const waiter = frame.ref === undefined ? undefined : this.#pending.get(frame.ref);
      if (!waiter) return;
      this.#pending.delete(frame.ref);
      clearTimeout(waiter.timer);
      if (frame.type === 'error') waiter.reject(new Error(`${frame.code}: ${frame.message}`));
      else waiter.resolve(frame);
    });
    socket.on('close', () => {
      for (const waiter of this.#pending.values()) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('socket closed'));
      }
      this.#pending.clear();
    });
  }

  /** Opens a socket; resolves once open. */
  static open(url, protocols) {
    return new Promise((resolve, reject) => {
      const socket = protocols ? new WebSocket(url, protocols) : new WebSocket(url);
      socket.once('open', () => resolve(new RawClient(socket)));
      socket.once('unexpected-response', (_req, res) => {
        socket.terminate();
        reject(new Error(`handshake refused with ${res.statusCode}`));
      });
      socket.once('error', reject);
    });
  }

  /** Sends `frame` with a fresh ref; resolves with the answer carrying it (rejects on an error frame). */
  request(frame, timeoutMs = 60_000) {
    const ref = `r${++this.#nextRef}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(ref);
        reject(new Error(`no answer to ${frame.action} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(ref, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ ...frame, ref }));
    });
  }

  close() {
    this.socket.terminate();
  }
}

/** Signs in a guest through the HTTP API; resolves with `{ token, user }`. */
export async function guestToken(httpUrl, name) {
  const response = await fetch(`${httpUrl}/guest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) throw new Error(`POST /guest answered ${response.status}`);
  return response.json();
}

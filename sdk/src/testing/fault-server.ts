import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { ChatMessage, ServerFrame } from '../protocol/types.js';

/** Faults the test can switch on. */
export interface Faults {
  /** Store the next `n` sends, then kill the socket before acking. */
  dropAfterStore: number;
  /** Send every fan-out frame twice, the copy this many ms later. */
  duplicateAfterMs: number | undefined;
  /** Hold every ack back this many ms. */
  delayAcksMs: number;
  /** Refuse every handshake with HTTP 401. */
  refuseTokens: boolean;
  /** Refuse every handshake with HTTP 503, as a backend being deployed would. */
  unavailable: boolean;
}

/**
 * A minimal, in-memory implementation of the chat protocol on loopback, with switchable faults.
 * Not the backend: only enough of it to prove the SDK loses and duplicates nothing when the network
 * misbehaves.
 */
export async function startFaultServer() {
  const faults: Faults = {
    dropAfterStore: 0,
    duplicateAfterMs: undefined,
    delayAcksMs: 0,
    refuseTokens: false,
    unavailable: false,
  };
  const messages: ChatMessage[] = [];
  const byClientId = new Map<string, ChatMessage>();
  const rooms = new Map<WebSocket, Set<string>>();
  let seq = 0;
  let connections = 0;
  let duplicatesSent = 0;

  const server = new WebSocketServer({
    port: 0,
    handleProtocols: (protocols) => (protocols.has('chat.v1') ? 'chat.v1' : false),
    verifyClient: (_info, done) => {
      if (faults.refuseTokens) done(false, 401, 'Unauthorized');
      else if (faults.unavailable) done(false, 503, 'Service Unavailable');
      else done(true);
    },
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));

  const sendFrame = (socket: WebSocket, frame: ServerFrame) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };
  const ack = (socket: WebSocket, frame: ServerFrame) => {
    if (faults.delayAcksMs) setTimeout(() => sendFrame(socket, frame), faults.delayAcksMs);
    else sendFrame(socket, frame);
  };

  server.on('connection', (socket) => {
    connections++;
    rooms.set(socket, new Set());
    socket.on('close', () => rooms.delete(socket));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      const ref = frame.ref as string;
      const room = frame.room as string;
      switch (frame.action) {
        case 'ping':
          return sendFrame(socket, { type: 'pong' });
        case 'join': {
          rooms.get(socket)?.add(room);
          const inRoom = messages.filter((m) => m.room === room);
          const latest = inRoom.at(-1)?.seq ?? 0;
          if (frame.after !== undefined) {
            const missed = inRoom.filter((m) => m.seq > frame.after);
            return ack(socket, {
              type: 'ack',
              ref,
              room,
              messages: missed,
              upTo: latest,
              latest,
              hasMore: false,
            });
          }
          return ack(socket, { type: 'ack', ref, room, messages: [], upTo: latest, latest, hasMore: false });
        }
        case 'leave':
          rooms.get(socket)?.delete(room);
          return ack(socket, { type: 'ack', ref, room });
        case 'history': {
          const inRoom = messages.filter((m) => m.room === room);
          if (frame.after !== undefined) {
            const page = inRoom.filter((m) => m.seq > frame.after).slice(0, frame.limit ?? 50);
            const upTo = page.at(-1)?.seq ?? frame.after;
            const hasMore = inRoom.some((m) => m.seq > upTo);
            return ack(socket, { type: 'ack', ref, room, messages: page, upTo, hasMore });
          }
          const older = inRoom.filter((m) => frame.before === undefined || m.seq < frame.before);
          const page = older.slice(-(frame.limit ?? 50));
          return ack(socket, { type: 'ack', ref, room, messages: page, hasMore: older.length > page.length });
        }
        case 'send': {
          let message = byClientId.get(frame.id);
          const fresh = !message;
          if (!message) {
            const position = messages.filter((m) => m.room === room).length + 1;
            message = {
              id: String(++seq).padStart(26, '0'),
              seq: position,
              clientId: frame.id,
              room,
              text: frame.text,
              ts: Date.now(),
              sender: { id: 'u', name: 'U', guest: true },
            };
            messages.push(message);
            byClientId.set(frame.id, message);
          }
          if (fresh) {
            const out: ServerFrame = { type: 'message', message };
            for (const [other, joined] of rooms) {
              if (other === socket || !joined.has(room)) continue;
              sendFrame(other, out);
              if (faults.duplicateAfterMs !== undefined) {
                setTimeout(() => {
                  sendFrame(other, out);
                  duplicatesSent++;
                }, faults.duplicateAfterMs);
              }
            }
          }
          if (faults.dropAfterStore > 0) {
            faults.dropAfterStore--;
            socket.terminate();
            return;
          }
          return ack(socket, { type: 'ack', ref, message: message as ChatMessage });
        }
      }
    });
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    faults,
    messages,
    connections: () => connections,
    /** How many sockets are open now. */
    open: () => rooms.size,
    /** How many open sockets are subscribed to `room`. */
    subscribers: (room: string) => [...rooms.values()].filter((joined) => joined.has(room)).length,
    /** How many duplicate fan-out frames have been written so far. */
    duplicatesSent: () => duplicatesSent,
    /** Kills every open socket, as a network drop would. */
    dropAll: () => {
      for (const socket of rooms.keys()) socket.terminate();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

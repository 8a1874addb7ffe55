// The lowest floor of the latency bench: a bare `ws` broadcast server in its own process, with no
// emulator, storage or auth. Same frames as bench/minimal: `join` subscribes, `send` posts
// `{type:'message', message}` to every other subscriber of the room, then acks the sender.
// Argument: the port. Prints `ready` once listening.
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const rooms = new Map();
let sequence = 0;
const server = new WebSocketServer({ port, host: '127.0.0.1' });

server.on('connection', (socket) => {
  const joined = new Set();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    if (frame.action === 'join') {
      if (!rooms.has(frame.room)) rooms.set(frame.room, new Set());
      rooms.get(frame.room).add(socket);
      joined.add(frame.room);
      socket.send(JSON.stringify({ type: 'ack', ref: frame.ref }));
    } else if (frame.action === 'send') {
      const ts = Date.now();
      const message = {
        id: `${ts.toString(36)}-${(sequence++).toString(36)}`,
        room: frame.room,
        text: frame.text,
        ts,
      };
      const text = JSON.stringify({ type: 'message', message });
      for (const other of rooms.get(frame.room) ?? []) if (other !== socket) other.send(text);
      socket.send(JSON.stringify({ type: 'ack', ref: frame.ref, message }));
    }
  });
  socket.on('close', () => {
    for (const room of joined) rooms.get(room)?.delete(socket);
  });
});
server.on('listening', () => process.stdout.write('ready\n'));

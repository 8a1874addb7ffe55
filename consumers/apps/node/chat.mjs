// Node 20, ESM: a client from the package's `node` entry (the `ws` package as WebSocket), a room, a
// message sent and received back, history, and the validation errors a caller gets. Exits non-zero on
// any failure. Usage: node chat.mjs <wsUrl> <httpUrl> <room>
import assert from 'node:assert/strict';
import { ChatError, createChatClient, guestAuth } from '@org/chat-sdk';
import { LIMITS, parseClientFrame } from '@org/chat-sdk/protocol';

const [wsUrl, httpUrl, roomId] = process.argv.slice(2);
assert.throws(
  () => createChatClient({ wsUrl: 'http://nope', httpUrl, auth: guestAuth({ name: 'x' }) }),
  (error) => error instanceof ChatError && error.code === 'invalid',
);
assert.equal(parseClientFrame('{"action":"nope"}').ok, false);
assert.equal(LIMITS.maxPageSize, 100);

const client = createChatClient({ wsUrl, httpUrl, auth: guestAuth({ name: 'Node ESM' }) });
try {
  await client.connect();
  const room = await client.join(roomId);
  const heard = new Promise((resolve) => room.on('message', (message) => resolve(message.text)));
  const sent = await room.send('from node esm');
  assert.equal(sent.sender.name, 'Node ESM');
  assert.equal(await heard, 'from node esm');
  const page = await room.history({ limit: 10 });
  assert.ok(page.messages.some((message) => message.id === sent.id));
  console.log('node esm: chatted in', roomId);
} finally {
  client.close();
}

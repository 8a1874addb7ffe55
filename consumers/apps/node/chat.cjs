// Node 20, CommonJS: the same through require(). Usage: node chat.cjs <wsUrl> <httpUrl> <room>
const assert = require('node:assert/strict');
const { ChatError, createChatClient, guestAuth } = require('@org/chat-sdk');
const { parseClientFrame } = require('@org/chat-sdk/protocol');

async function main() {
  const [wsUrl, httpUrl, roomId] = process.argv.slice(2);
  assert.throws(
    () => createChatClient({ wsUrl, httpUrl, auth: undefined }),
    (error) => error instanceof ChatError && error.code === 'invalid',
  );
  assert.equal(parseClientFrame('{"action":"ping"}').ok, true);
  const client = createChatClient({ wsUrl, httpUrl, auth: guestAuth({ name: 'Node CJS' }) });
  try {
    await client.connect();
    const room = await client.join(roomId);
    const heard = new Promise((resolve) => room.on('message', (message) => resolve(message.text)));
    const sent = await room.send('from node cjs');
    assert.equal(sent.sender.name, 'Node CJS');
    assert.equal(await heard, 'from node cjs');
    console.log('node cjs: chatted in', roomId);
  } finally {
    client.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

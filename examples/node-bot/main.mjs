// Runs the bot until Ctrl-C. Settings from the environment (defaults: the stack `npm start` runs).
//   CHAT_WS_URL=ws://localhost:3001 CHAT_HTTP_URL=http://localhost:3000 CHAT_ROOM=lobby node main.mjs
import { startBot } from './bot.mjs';

const stop = await startBot({
  wsUrl: process.env.CHAT_WS_URL || 'ws://localhost:3001',
  httpUrl: process.env.CHAT_HTTP_URL || 'http://localhost:3000',
  room: process.env.CHAT_ROOM || 'lobby',
  name: process.env.BOT_NAME || 'Helper Bot',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stop();
    process.exit(0);
  });
}

// A chat bot on @org/chat-sdk: joins a room, greets newcomers and answers commands. The replies are
// pure functions (`reply`, `greet`) so they can be tested without a server; `startBot` wires them to a
// client. Run it with `node examples/node-bot/main.mjs` (see README.md).
import { createChatClient, guestAuth } from '@org/chat-sdk';

/** The commands the bot answers, with their help text. */
export const COMMANDS = {
  '!help': 'lists these commands',
  '!time': 'tells the time (UTC)',
  '!echo <text>': 'says <text> back',
};

/**
 * The bot's answer to a message, or undefined when it has nothing to say (not a command).
 * `now` is injectable so tests get a fixed time.
 */
export function reply(text, now = new Date()) {
  const match = /^!(\w+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, command, rest = ''] = match;
  switch (command.toLowerCase()) {
    case 'help':
      return `I know: ${Object.entries(COMMANDS)
        .map(([name, what]) => `${name} (${what})`)
        .join(', ')}.`;
    case 'time':
      return `It is ${now.toISOString().slice(0, 19).replace('T', ' ')} UTC.`;
    case 'echo':
      return rest.trim() ? rest.trim() : 'Usage: !echo <text>';
    default:
      return `I don't know !${command}. Try !help.`;
  }
}

/** The greeting for someone who just came online in the room. */
export function greet(user) {
  return `Welcome, ${user.name}! Type !help to see what I can do.`;
}

/**
 * Connects as a guest named `name`, joins `room`, and from then on greets each newcomer (at most once
 * per `greetEveryMs` per user, so a flaky connection is not welcomed on every reconnect) and answers
 * commands. Resolves once joined, with a function that stops the bot.
 */
export async function startBot({
  wsUrl,
  httpUrl,
  room = 'lobby',
  name = 'Helper Bot',
  greetEveryMs = 10 * 60_000,
  log = console.log,
}) {
  const client = createChatClient({ wsUrl, httpUrl, auth: guestAuth({ name }) });
  client.on('error', (error) => log(`[bot] ${error.code}: ${error.message}`));
  client.on('statechange', ({ to, reason }) => log(`[bot] ${to} (${reason})`));
  await client.connect();
  const joined = await client.join(room);
  const greeted = new Map();

  const say = (text) =>
    joined.send(text).catch((error) => log(`[bot] could not send: ${error.code ?? error.message}`));
  const stopPresence = joined.on('presence', ({ user, status }) => {
    if (status !== 'online' || user.id === client.user?.id) return;
    const last = greeted.get(user.id);
    if (last !== undefined && Date.now() - last < greetEveryMs) return;
    greeted.set(user.id, Date.now());
    say(greet(user));
  });
  const stopMessages = joined.on('message', (message) => {
    // The bot's own messages come back too (from its acks): never answer itself.
    if (message.sender.id === client.user?.id) return;
    const answer = reply(message.text);
    if (answer !== undefined) say(answer);
  });
  log(`[bot] ${name} is in room ${room}`);

  return () => {
    stopPresence();
    stopMessages();
    client.close();
  };
}

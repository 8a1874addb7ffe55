import { type ChatClient, type ChatMessage, createChatClient, guestAuth } from '@org/chat-sdk';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { greet, reply, startBot } from '../../examples/node-bot/bot.mjs';
import { freshRoom } from '../helpers.js';

const urls = inject('stack');
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const stop of cleanup.splice(0)) stop();
});

describe('examples/node-bot', () => {
  it('answers !help, !time and !echo, and stays quiet on anything else', () => {
    expect(reply('!echo  hello there ')).toBe('hello there');
    expect(reply('!echo')).toBe('Usage: !echo <text>');
    expect(reply('!time', new Date('2030-01-02T03:04:05Z'))).toBe('It is 2030-01-02 03:04:05 UTC.');
    expect(reply('!help')).toMatch(/!help .*!time .*!echo/);
    expect(reply('!nope')).toBe("I don't know !nope. Try !help.");
    expect(reply('hello !time')).toBeUndefined();
    expect(greet({ name: 'Ada' })).toBe('Welcome, Ada! Type !help to see what I can do.');
  });

  it('greets a newcomer and answers her command in the room, through the real stack', async () => {
    const room = freshRoom('bot');
    cleanup.push(
      await startBot({ wsUrl: urls.ws, httpUrl: urls.http, room, name: 'Test Bot', log: () => {} }),
    );
    const ada: ChatClient = createChatClient({
      wsUrl: urls.ws,
      httpUrl: urls.http,
      auth: guestAuth({ name: 'Ada' }),
    });
    cleanup.push(() => ada.close());
    await ada.connect();
    const adaRoom = await ada.join(room);
    const live: ChatMessage[] = [];
    adaRoom.on('message', (message) => live.push(message));
    const fromBot = (messages: ChatMessage[], text: string) =>
      messages.some((m) => m.sender.name === 'Test Bot' && m.text === text);

    // The greeting answers the join's presence event, so it can arrive before `join` resolved and a
    // listener existed: look in the room's history too.
    await expect
      .poll(async () => fromBot([...live, ...(await adaRoom.history()).messages], greet({ name: 'Ada' })), {
        timeout: 15_000,
        interval: 500,
      })
      .toBe(true);

    await adaRoom.send('!echo ping from Ada');
    await expect.poll(() => fromBot(live, 'ping from Ada'), { timeout: 15_000 }).toBe(true);
  });
});

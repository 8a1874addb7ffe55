import { describe, expect, it } from 'vitest';
import { guestAuth } from './auth/guest.js';
import { createChatClient } from './client.js';
import { ChatError } from './errors.js';

const good = {
  wsUrl: 'ws://localhost:3001',
  httpUrl: 'http://localhost:3000',
  auth: guestAuth({ name: 'Ada' }),
};

describe('createChatClient options', () => {
  it('accepts valid options and starts idle, without touching the network', () => {
    const client = createChatClient(good);
    expect(client.state).toBe('idle');
    expect(client.user).toBeUndefined();
  });

  it.each([
    ['a non-ws wsUrl', { ...good, wsUrl: 'http://localhost:3001' }, /wsUrl/],
    ['a missing httpUrl', { ...good, httpUrl: undefined }, /httpUrl/],
    ['no auth provider', { ...good, auth: {} }, /auth/],
    ['a WebSocket that is not a class', { ...good, WebSocket: 'ws' }, /WebSocket/],
    ['a negative timeout', { ...good, requestTimeoutMs: -1 }, /requestTimeoutMs/],
  ])('refuses %s with an invalid ChatError', (_case, options, message) => {
    const attempt = () => createChatClient(options as never);
    expect(attempt).toThrow(ChatError);
    expect(attempt).toThrow(message);
  });

  it("fails a closed client's requests with code closed", async () => {
    const client = createChatClient(good);
    client.close();
    expect(client.state).toBe('closed');
    await expect(client.connect()).rejects.toMatchObject({ code: 'closed' });
    await expect(client.join('lobby')).rejects.toMatchObject({ code: 'closed' });
  });
});

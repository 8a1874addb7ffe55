import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { freshRoom } from './helpers.js';

const dist = join(import.meta.dirname, '../sdk/dist');
const urls = inject('stack');

describe('the built SDK package (run `npm run build` first)', () => {
  it('ships ESM, CJS and type declarations for every entry point', () => {
    for (const file of [
      'index.js',
      'index.cjs',
      'index.d.ts',
      'node.js',
      'node.cjs',
      'node.d.ts',
      'protocol.js',
      'protocol.cjs',
      'protocol.d.ts',
      'cognito.js',
      'cognito.cjs',
      'cognito.d.ts',
    ]) {
      expect(existsSync(join(dist, file)), file).toBe(true);
    }
  });

  it('chats from the CommonJS Node build with the `ws` package as WebSocket', async () => {
    const sdk = createRequire(import.meta.url)(join(dist, 'node.cjs')) as typeof import('@org/chat-sdk');
    const client = sdk.createChatClient({
      wsUrl: urls.ws,
      httpUrl: urls.http,
      auth: sdk.guestAuth({ name: 'Cjs' }),
    });
    try {
      await client.connect();
      const room = await client.join(freshRoom());
      await expect(room.send('from cjs')).resolves.toMatchObject({
        text: 'from cjs',
        sender: { name: 'Cjs' },
      });
    } finally {
      client.close();
    }
  });

  it('exposes the same API from the ESM browser build', async () => {
    const sdk = (await import(join(dist, 'index.js'))) as typeof import('@org/chat-sdk');
    expect(typeof sdk.createChatClient).toBe('function');
    expect(typeof sdk.guestAuth).toBe('function');
    expect(new sdk.ChatError('invalid', 'x').code).toBe('invalid');
  });
});

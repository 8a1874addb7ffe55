import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { startStack } from '../scripts/local-stack.mjs';
import { connectWithToken, FrameClient, freshRoom, signedInUser } from './helpers.js';
import { testStackConfig } from './local-stack-config.js';
import type { StackUrls } from './stack-setup.js';

// A stack with a production-like room policy: only `lobby` and `public-*` exist without `create`.
const config = testStackConfig(500, { OPEN_ROOMS: 'lobby,public-*' });
let stack: { urls: StackUrls; cognito: { userPoolId: string; clientId: string }; stop(): Promise<void> };
const open: FrameClient[] = [];

beforeAll(async () => {
  stack = await startStack(config);
}, 180_000);
afterAll(async () => {
  for (const client of open) client.close();
  await stack?.stop();
  rmSync(config.dataDir, { recursive: true, force: true });
});

let refs = 0;
const ask = (client: FrameClient, frame: Record<string, unknown>) =>
  client.request({ ...frame, ref: `o${++refs}` });

describe('which rooms exist without create is the stage’s choice', () => {
  it('refuses a guest posting into, joining or reading a name the site may mean to create later', async () => {
    const mallory = await FrameClient.connect(stack.urls, 'Squatter');
    open.push(mallory);
    const name = freshRoom('board');
    for (const frame of [
      { action: 'send', room: name, text: 'mine now', id: 'squat-open-1' },
      { action: 'join', room: name },
      { action: 'history', room: name },
    ]) {
      expect(await ask(mallory, frame), frame.action).toMatchObject({ type: 'error', code: 'not_found' });
    }
    // Nothing was spent: the site can still create the name as private.
    const user = await signedInUser(stack.urls.cognito, stack.cognito);
    const site = await connectWithToken(stack.urls.ws, user.idToken);
    open.push(site);
    expect(await ask(site, { action: 'create', room: name, visibility: 'private' })).toMatchObject({
      type: 'ack',
      info: { visibility: 'private', role: 'owner' },
    });
  });

  it('lets anyone use the names the stage opens', async () => {
    const visitor = await FrameClient.connect(stack.urls, 'Visitor');
    open.push(visitor);
    for (const room of ['lobby', freshRoom('public')]) {
      expect(await ask(visitor, { action: 'join', room })).toMatchObject({ type: 'ack' });
      expect(
        await ask(visitor, { action: 'send', room, text: 'hello', id: `open-${room}`.slice(0, 60) }),
      ).toMatchObject({
        type: 'ack',
      });
    }
  });
});

import type { ChatMessage, ServerFrame } from '@org/chat-sdk/protocol';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FrameClient, freshRoom } from './helpers.js';

const urls = inject('stack');
let client: FrameClient & { session: { user: { id: string } } };

beforeAll(async () => {
  client = await FrameClient.connect(urls, 'Framer');
});
afterAll(() => client.close());

function messageOf(frame: ServerFrame): ChatMessage {
  if (frame.type !== 'ack' || !frame.message)
    throw new Error(`expected a send ack, got ${JSON.stringify(frame)}`);
  return frame.message;
}

describe('frames', () => {
  it('answers ping with pong (the gateway answers it: no function, no ref)', async () => {
    const from = client.frames.length;
    client.send({ action: 'ping', ref: 'p1' });
    expect(await client.waitFor((f) => f.type === 'pong', 10_000, from)).toEqual({ type: 'pong' });
  });

  it('answers an unparsable frame with an error and stays usable', async () => {
    client.send('this is not json');
    expect(
      await client.waitFor((f) => f.type === 'error' && f.message === 'frame is not valid JSON'),
    ).toMatchObject({
      code: 'invalid',
    });
    expect(
      await client.request({ action: 'history', room: 'lobby', limit: 1, ref: 'after-garbage' }),
    ).toMatchObject({
      type: 'ack',
      ref: 'after-garbage',
    });
  });

  it('answers an unknown action with invalid and its ref', async () => {
    expect(await client.request({ action: 'explode', ref: 'u1' })).toEqual({
      type: 'error',
      code: 'invalid',
      message: 'unknown action',
      ref: 'u1',
    });
  });

  it('answers wrong field types with invalid naming the field', async () => {
    const answer = await client.request({
      action: 'send',
      room: 'lobby',
      text: 42,
      id: 'abcdefgh',
      ref: 'w1',
    });
    expect(answer).toMatchObject({ type: 'error', code: 'invalid', ref: 'w1' });
    expect((answer as { message: string }).message).toMatch(/^text:/);
  });

  it('refuses identity fields smuggled into a frame', async () => {
    const answer = await client.request({
      action: 'send',
      room: 'lobby',
      text: 'hi',
      id: 'abcdefgh-smuggle',
      sender: { id: 'admin', name: 'Admin', guest: false },
      ref: 's0',
    });
    expect(answer).toMatchObject({ type: 'error', code: 'invalid', ref: 's0' });
  });

  it('answers text over the limit with too_large and stores nothing', async () => {
    const room = freshRoom();
    const answer = await client.request({
      action: 'send',
      room,
      text: 'x'.repeat(4001),
      id: 'too-large-1',
      ref: 'l1',
    });
    expect(answer).toMatchObject({ type: 'error', code: 'too_large', ref: 'l1' });
    const page = await client.request({ action: 'history', room, ref: 'l2' });
    expect(page).toMatchObject({ type: 'ack', messages: [], hasMore: false });
  });

  it('answers a frame over 32 KB with too_large and stays usable', async () => {
    const padding = 'x'.repeat(33 * 1024);
    const answer = await client.request({
      action: 'send',
      room: 'lobby',
      text: padding,
      id: 'oversize-1',
      ref: 'big',
    });
    expect(answer).toMatchObject({ type: 'error', code: 'too_large', ref: 'big' });
    expect(
      await client.request({ action: 'history', room: 'lobby', limit: 1, ref: 'after-big' }),
    ).toMatchObject({
      type: 'ack',
      ref: 'after-big',
    });
  });

  it('stores a send retried with the same client id once and acks both with the same message', async () => {
    const room = freshRoom();
    await client.request({ action: 'join', room, ref: 'j1' });
    const first = messageOf(
      await client.request({ action: 'send', room, text: 'once', id: 'retry-id-1', ref: 'r1' }),
    );
    const second = messageOf(
      await client.request({ action: 'send', room, text: 'once', id: 'retry-id-1', ref: 'r2' }),
    );
    expect(second).toEqual(first);
    expect(first).toMatchObject({
      room,
      text: 'once',
      clientId: 'retry-id-1',
      sender: { name: 'Framer', guest: true },
    });
    expect(first.sender.id).toBe(client.session.user.id);
    const page = await client.request({ action: 'history', room, ref: 'r3' });
    expect(page).toMatchObject({ type: 'ack', messages: [first], hasMore: false });
  });

  it('gives messages consecutive positions and pages history backwards and forwards by position', async () => {
    const room = freshRoom();
    const sent: ChatMessage[] = [];
    for (let i = 0; i < 5; i++) {
      sent.push(
        messageOf(
          await client.request({ action: 'send', room, text: `m${i}`, id: `page-id-${i}`, ref: `p${i}` }),
        ),
      );
    }
    expect(sent.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);

    const newest = await client.request({ action: 'history', room, limit: 2, ref: 'h1' });
    expect(newest).toMatchObject({ hasMore: true, messages: [sent[3], sent[4]] });
    const older = await client.request({ action: 'history', room, limit: 2, before: 4, ref: 'h2' });
    expect(older).toMatchObject({ hasMore: true, messages: [sent[1], sent[2]] });
    const oldest = await client.request({ action: 'history', room, limit: 2, before: 2, ref: 'h3' });
    expect(oldest).toMatchObject({ hasMore: false, messages: [sent[0]] });
    const after = await client.request({ action: 'history', room, limit: 3, after: 1, ref: 'h4' });
    expect(after).toMatchObject({ hasMore: true, upTo: 4, messages: [sent[1], sent[2], sent[3]] });
    const rest = await client.request({ action: 'history', room, limit: 3, after: 4, ref: 'h5' });
    expect(rest).toMatchObject({ upTo: 5, messages: [sent[4]] });
  });

  it('returns what was missed when joining with after, and where the room stands', async () => {
    const room = freshRoom();
    const a = messageOf(
      await client.request({ action: 'send', room, text: 'a', id: 'resume-id-a', ref: 'ra' }),
    );
    const b = messageOf(
      await client.request({ action: 'send', room, text: 'b', id: 'resume-id-b', ref: 'rb' }),
    );
    const c = messageOf(
      await client.request({ action: 'send', room, text: 'c', id: 'resume-id-c', ref: 'rc' }),
    );
    const joined = await client.request({ action: 'join', room, after: a.seq, ref: 'rj' });
    expect(joined).toEqual({
      type: 'ack',
      ref: 'rj',
      room,
      info: { visibility: 'public', role: 'member' },
      you: client.session.user,
      online: [client.session.user],
      latest: 3,
      messages: [b, c],
      upTo: 3,
      hasMore: false,
    });
  });

  it('starts a new reader at the newest position, with nothing to replay', async () => {
    const room = freshRoom();
    await client.request({ action: 'send', room, text: 'old', id: 'fresh-join-1', ref: 'f1' });
    const joined = await client.request({ action: 'join', room, ref: 'fj' });
    expect(joined).toMatchObject({ latest: 1, upTo: 1, messages: [], hasMore: false });
  });
});

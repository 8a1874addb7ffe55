import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type AckFrame, type ChatMessage, LIMITS } from '@org/chat-sdk/protocol';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  connectWithToken,
  FrameClient,
  freshRoom,
  LOCAL_TABLE,
  localTable,
  signedInUser,
} from './helpers.js';

const urls = inject('stack');
const db = localTable(urls.dynamodb);
let writer: FrameClient;
let reader: FrameClient;
/** Sizes in bytes of every frame the reader received, as the socket got them. */
const frameBytes: number[] = [];

beforeAll(async () => {
  // A signed-in writer: its rate limit fits the burst of long messages below.
  const user = await signedInUser(urls.cognito, inject('cognito'));
  writer = await connectWithToken(urls.ws, user.idToken);
  reader = await FrameClient.connect(urls, 'Reader');
  reader.socket.on('message', (data: Buffer) => frameBytes.push(data.length));
});
afterAll(() => {
  writer.close();
  reader.close();
});

let refs = 0;
const ask = (client: FrameClient, frame: Record<string, unknown>) =>
  client.request({ ...frame, ref: `p${++refs}` }) as Promise<AckFrame>;

describe('pages within API Gateway limits', () => {
  // 4,000 CJK characters: 12 KB of UTF-8 each, so a page of 50 would be 600 KB.
  const COUNT = 30;
  const room = freshRoom('cjk');
  const sent: ChatMessage[] = [];

  beforeAll(async () => {
    for (let i = 0; i < COUNT; i++) {
      const text = `${i}:${'字'.repeat(LIMITS.maxTextLength - 3)}`;
      const ack = await ask(writer, { action: 'send', room, text, id: `cjk-message-${i}` });
      sent.push(ack.message as ChatMessage);
    }
  }, 120_000);

  it('cuts history pages by size, and pages back through all of them', async () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await ask(reader, { action: 'history', room, limit: 100, ...(before ? { before } : {}) });
      const messages = page.messages ?? [];
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.length).toBeLessThan(COUNT);
      seen.unshift(...messages.map((m) => m.seq));
      if (!page.hasMore) break;
      before = messages[0]?.seq;
    }
    expect(seen).toEqual(sent.map((m) => m.seq));
    expect(Math.max(...frameBytes)).toBeLessThanOrEqual(LIMITS.maxReplyBytes);
  });

  it('cuts a resume page by size and catches up through every message', async () => {
    const first = await ask(reader, { action: 'join', room, after: 0 });
    expect(first.hasMore).toBe(true);
    const seen = (first.messages ?? []).map((m) => m.seq);
    let upTo = first.upTo as number;
    while (seen.length < COUNT) {
      const page = await ask(reader, { action: 'history', room, after: upTo, limit: 100 });
      seen.push(...(page.messages ?? []).map((m) => m.seq));
      upTo = page.upTo as number;
      if (!page.hasMore) break;
    }
    expect(seen).toEqual(sent.map((m) => m.seq));
    expect(Math.max(...frameBytes)).toBeLessThanOrEqual(LIMITS.maxReplyBytes);
  });
});

describe('catching up past expired messages', () => {
  it('keeps paging while the store has more, however many expired ones a page held', async () => {
    const room = freshRoom('expired');
    const first = await ask(writer, { action: 'send', room, text: 'kept', id: 'expired-keep-1' });
    const sender = (first.message as ChatMessage).sender;
    const old = Math.floor(Date.now() / 1000) - 3600;
    // Positions 2..151 expired (retention) but not yet deleted, as AWS leaves them for a while.
    const items = Array.from({ length: 150 }, (_, i) => ({
      pk: `ROOM#${room}`,
      sk: `M#${sender.id}#expired-${i}`,
      seq: i + 2,
      id: `expired-${i}`,
      clientId: `expired-${i}`,
      room,
      text: 'gone',
      ts: 0,
      sender,
      ttl: old,
    }));
    for (let i = 0; i < items.length; i += 25) {
      await db.send(
        new BatchWriteCommand({
          RequestItems: { [LOCAL_TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    }
    await db.send(
      new PutCommand({
        TableName: LOCAL_TABLE,
        Item: { pk: `ROOM#${room}`, sk: 'S#META', lastSeq: 151, lastSeqAt: 0 },
      }),
    );
    const last = await ask(writer, { action: 'send', room, text: 'after them', id: 'expired-last-1' });
    expect((last.message as ChatMessage).seq).toBe(152);

    let page = await ask(reader, { action: 'join', room, after: 1 });
    const texts = (page.messages ?? []).map((m) => m.text);
    let pages = 1;
    while (page.hasMore) {
      page = await ask(reader, { action: 'history', room, after: page.upTo, limit: 100 });
      texts.push(...(page.messages ?? []).map((m) => m.text));
      pages++;
    }
    expect(texts).toEqual(['after them']);
    expect(pages).toBeGreaterThan(1);
    expect(page.upTo).toBe(152);
  });
});

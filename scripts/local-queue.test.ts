import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types, shared with `npm start`.
import { localQueue } from './local-queue.mjs';

interface Invocation {
  fn: string;
  at: number;
  records: { messageId: string; body: string; attributes: { ApproximateReceiveCount: string } }[];
}

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** Listens on a free port; resolves with its URL. */
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The queue in front of a stand-in Lambda endpoint that records each invocation and answers with
 * `answer` (the function's result), plus the queue's own HTTP endpoint.
 */
async function setUp(answer: (invocation: Invocation) => unknown = () => ({ batchItemFailures: [] })) {
  const invocations: Invocation[] = [];
  const lambda = await listen(
    createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk);
      const fn = String(req.url).split('/')[3] as string;
      const invocation = {
        fn,
        at: Date.now(),
        records: JSON.parse(Buffer.concat(chunks).toString()).Records,
      };
      invocations.push(invocation);
      res.end(JSON.stringify(answer(invocation)));
    }),
  );
  const queue = localQueue({ lambdaEndpoint: lambda, visibilityTimeoutMs: 100, maxReceives: 2 });
  closers.push(queue.close);
  const endpoint = await listen(
    createServer(async (req, res) => {
      if (!(await queue.handle(req, res))) res.writeHead(404).end();
    }),
  );
  const send = async (input: Record<string, unknown>, target = 'AmazonSQS.SendMessage') => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
      body: JSON.stringify({ QueueUrl: `${endpoint}/000000000000/org-chat-local-departures`, ...input }),
    });
    return { status: response.status, body: await response.json() };
  };
  return { invocations, send, stats: queue.stats };
}

const until = async (check: () => boolean) => {
  await expect.poll(check, { timeout: 5000, interval: 20 }).toBe(true);
};

describe('local SQS stand-in', () => {
  it('holds a message for its DelaySeconds, then hands it to the function named like the queue', async () => {
    const { invocations, send } = await setUp();
    const sentAt = Date.now();
    const { status, body } = await send({ MessageBody: 'hello', DelaySeconds: 1 });
    expect(status).toBe(200);
    expect(body.MessageId).toEqual(expect.any(String));
    await until(() => invocations.length === 1);
    const [invocation] = invocations as [Invocation];
    expect(invocation.fn).toBe('org-chat-local-departures');
    expect(invocation.at - sentAt).toBeGreaterThanOrEqual(1000);
    expect(invocation.records).toMatchObject([{ messageId: body.MessageId, body: 'hello' }]);
  });

  it('hands messages that fall due together over in batches of at most 10', async () => {
    const { invocations, send } = await setUp();
    await Promise.all(Array.from({ length: 12 }, (_, i) => send({ MessageBody: `m${i}`, DelaySeconds: 0 })));
    await until(() => invocations.flatMap((i) => i.records).length === 12);
    expect(Math.max(...invocations.map((i) => i.records.length))).toBeLessThanOrEqual(10);
    expect(invocations.length).toBeLessThan(12);
  });

  it('hands back only the messages the function reported failed, and drops one failing every time', async () => {
    const { invocations, send, stats } = await setUp(({ records }) => ({
      batchItemFailures: records
        .filter((r) => r.body === 'bad')
        .map((r) => ({ itemIdentifier: r.messageId })),
    }));
    await send({ MessageBody: 'good' });
    await send({ MessageBody: 'bad' });
    await until(() => stats.dropped === 1);
    const received = invocations.flatMap((i) => i.records.map((r) => r.body));
    expect(received.filter((b) => b === 'good')).toHaveLength(1);
    // maxReceives: 2, then dropped (AWS would move it to the dead-letter queue).
    expect(received.filter((b) => b === 'bad')).toHaveLength(2);
    expect(stats).toMatchObject({ sent: 2, delivered: 1, retried: 1, dropped: 1, pending: 0 });
  });

  it('refuses what SQS refuses, with its error types', async () => {
    const { send, invocations } = await setUp();
    expect(await send({ MessageBody: 'x', DelaySeconds: 901 })).toMatchObject({
      status: 400,
      body: { __type: 'com.amazonaws.sqs#InvalidParameterValue' },
    });
    expect((await send({ MessageBody: '' })).status).toBe(400);
    expect((await send({ MessageBody: 'x'.repeat(256 * 1024 + 1) })).status).toBe(400);
    expect((await send({ MessageBody: 'x' }, 'AmazonSQS.PurgeQueue')).body.__type).toBe(
      'com.amazonaws.sqs#UnsupportedOperation',
    );
    expect(invocations).toEqual([]);
  });
});

// A stand-in for the SQS delay queue the backend hands departures to (backend/src/queue/), served on
// the local gateway's port: no SQS emulator runs here without a downloaded binary (ElasticMQ needs
// Java, LocalStack Docker). It takes what the backend sends, SendMessage in SQS's JSON protocol, holds
// each message for its DelaySeconds, then hands due messages, up to 10 at a time, to the function the
// queue is named after (the last part of its URL, as serverless.yml names both) on serverless-offline's
// Lambda endpoint, as an SQS event. Messages the function reports failed (`batchItemFailures`), or a
// whole batch whose call failed, come back after `visibilityTimeoutMs`, at most `maxReceives` times;
// then they are dropped and logged, where AWS would move them to the dead-letter queue.

import { createHash, randomUUID } from 'node:crypto';

const SEND_MESSAGE = 'AmazonSQS.SendMessage';
// SQS's own limits: a message of at most 256 KiB, delayed by at most 15 minutes.
const MAX_BODY_BYTES = 256 * 1024;
const MAX_DELAY_SECONDS = 900;
const BATCH_SIZE = 10;

/**
 * The queue stand-in: `handle` answers a gateway HTTP request (true when it was an SQS call),
 * `close` drops what is still waiting, `stats` counts what it did.
 */
export function localQueue({ lambdaEndpoint, visibilityTimeoutMs = 2000, maxReceives = 3, log = () => {} }) {
  // `pending`: taken and not yet delivered or dropped (the bench waits for 0 before it measures).
  const stats = { sent: 0, delivered: 0, retried: 0, dropped: 0, pending: 0 };
  const timers = new Set();
  const due = new Map(); // function name → messages ready to hand over
  let closed = false;

  const later = (ms, run) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) run();
    }, ms);
    timers.add(timer);
  };

  const enqueue = (fn, message, delayMs) =>
    later(delayMs, () => {
      const ready = due.get(fn) ?? [];
      ready.push(message);
      due.set(fn, ready);
      // Messages that fall due together go in one event, as Lambda's SQS poller batches them.
      if (ready.length === 1) setImmediate(() => flush(fn));
    });

  const flush = (fn) => {
    const ready = due.get(fn) ?? [];
    due.delete(fn);
    for (let i = 0; i < ready.length; i += BATCH_SIZE) deliver(fn, ready.slice(i, i + BATCH_SIZE));
  };

  const deliver = async (fn, batch) => {
    for (const message of batch) message.receives++;
    let failed;
    try {
      failed = await invoke(fn, batch);
    } catch (error) {
      log(`${fn}: ${error.message}`);
      failed = batch;
    }
    stats.delivered += batch.length - failed.length;
    stats.pending -= batch.length - failed.length;
    for (const message of failed) {
      if (message.receives >= maxReceives) {
        stats.dropped++;
        stats.pending--;
        log(`${fn}: message ${message.messageId} failed ${message.receives} times: dropped`);
      } else {
        stats.retried++;
        enqueue(fn, message, visibilityTimeoutMs);
      }
    }
  };

  /** Runs the function on one batch; resolves with the messages it reports failed. */
  const invoke = async (fn, batch) => {
    const response = await fetch(`${lambdaEndpoint}/2015-03-31/functions/${fn}/invocations`, {
      method: 'POST',
      body: JSON.stringify({ Records: batch.map(record(fn)) }),
    });
    const text = await response.text();
    if (response.status !== 200 || response.headers.get('x-amz-function-error')) {
      throw new Error(`invocation failed (${response.status}): ${text.slice(0, 200)}`);
    }
    const failures = new Set((JSON.parse(text || '{}').batchItemFailures ?? []).map((f) => f.itemIdentifier));
    return batch.filter((message) => failures.has(message.messageId));
  };

  const handle = async (req, res) => {
    if (req.method !== 'POST' || !String(req.headers['x-amz-target'] ?? '').startsWith('AmazonSQS.'))
      return false;
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const answer = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(body));
      return true;
    };
    const refuse = (message) => answer(400, { __type: 'com.amazonaws.sqs#InvalidParameterValue', message });
    if (req.headers['x-amz-target'] !== SEND_MESSAGE) {
      return answer(400, { __type: 'com.amazonaws.sqs#UnsupportedOperation', message: 'SendMessage only' });
    }
    let input;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return refuse('the body is not JSON');
    }
    const fn = String(input?.QueueUrl ?? '')
      .split('/')
      .filter(Boolean)
      .at(-1);
    const body = input?.MessageBody;
    const delay = input?.DelaySeconds ?? 0;
    if (!fn) return refuse('QueueUrl is missing');
    if (typeof body !== 'string' || !body || Buffer.byteLength(body) > MAX_BODY_BYTES) {
      return refuse(`MessageBody must be 1 to ${MAX_BODY_BYTES} bytes`);
    }
    if (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_SECONDS) {
      return refuse(`DelaySeconds must be an integer from 0 to ${MAX_DELAY_SECONDS}`);
    }
    const message = { messageId: randomUUID(), body, sentAt: Date.now(), receives: 0 };
    stats.sent++;
    stats.pending++;
    enqueue(fn, message, delay * 1000);
    return answer(200, { MessageId: message.messageId, MD5OfMessageBody: md5(body) });
  };

  const close = () => {
    closed = true;
    stats.pending = 0;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    due.clear();
  };

  return { handle, close, stats };
}

/** A message as Lambda's SQS poller hands it to a function. */
function record(fn) {
  return (message) => ({
    messageId: message.messageId,
    receiptHandle: message.messageId,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receives),
      SentTimestamp: String(message.sentAt),
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: md5(message.body),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:local:000000000000:${fn}`,
    awsRegion: 'local',
  });
}

function md5(text) {
  return createHash('md5').update(text).digest('hex');
}

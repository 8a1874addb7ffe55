// Sustained messages per second: several senders send as fast as their acks come back (closed loop,
// one message in flight each, as the SDK does per room) for a fixed time into a small room of raw
// listeners. Our backend is driven through the SDK (Node entry); the minimal handler, as a floor,
// through raw sockets with the same loop. Every acked message must reach every listener exactly once.
import { performance } from 'node:perf_hooks';
import { createChatClient, guestAuth } from '@org/chat-sdk';
import { inBatches, percentile, sleep, waitUntil } from './lib/stats.mjs';

/** The load: senders, listeners, seconds. */
export const THROUGHPUT = { senders: 4, listeners: 5, seconds: 10 };

/** Measures our backend (SDK senders) and the minimal handler (raw senders); one result each. */
export async function throughputBench({ ours, targets, log, load = THROUGHPUT }) {
  const results = [];
  for (const target of targets) {
    log(
      `throughput: ${target.label}, ${load.senders} senders and ${load.listeners} listeners for ${load.seconds} s`,
    );
    const result = await runOne(target, target.name === 'ours' ? sdkSenders(ours) : rawSenders(target), load);
    log(`  ${result.perSecond.toFixed(1)} msg/s acked, lost ${result.lost}, duplicated ${result.duplicated}`);
    results.push({ target: target.name, label: target.label, ...load, ...result });
  }
  return results;
}

/** Senders through the SDK: each `send` resolves with the stored message once acked. */
function sdkSenders(stack) {
  return async (room, count) => {
    const clients = [];
    const senders = await inBatches(Array.from({ length: count }), 4, async (_, i) => {
      const client = createChatClient({
        wsUrl: stack.ws,
        httpUrl: stack.http,
        auth: guestAuth({ name: `Sender ${i}` }),
      });
      clients.push(client);
      await client.connect();
      const joined = await client.join(room);
      return (text) => joined.send(text);
    });
    return {
      senders,
      close: () => {
        for (const client of clients) client.close();
      },
    };
  };
}

/** Raw senders: they join too, so the room holds the same connections as with the SDK. */
function rawSenders(target) {
  return async (room, count) => {
    const sockets = await inBatches(Array.from({ length: count }), 4, async (_, i) => {
      const socket = await target.openSender(i + 1);
      await socket.request({ action: 'join', room });
      return socket;
    });
    let n = 0;
    const senders = sockets.map(
      (socket) => (text) =>
        socket.request(target.sendFrame(room, text, `tp_${Date.now().toString(36)}_${n++}`)),
    );
    return {
      senders,
      close: () => {
        for (const socket of sockets) socket.close();
      },
    };
  };
}

async function runOne(target, makeSenders, { senders: senderCount, listeners: listenerCount, seconds }) {
  const room = `tp_${target.name}_${Date.now().toString(36)}`;
  const listeners = await inBatches(Array.from({ length: listenerCount }), 4, async (_, i) => {
    const listener = await target.openListener(i);
    await listener.request({ action: 'join', room });
    return listener;
  });
  const { senders, close } = await makeSenders(room, senderCount);
  const received = listeners.map(() => new Map());
  listeners.forEach((listener, index) => {
    listener.onMessage = (message) => {
      const seen = received[index];
      seen.set(message.text, (seen.get(message.text) ?? 0) + 1);
    };
  });
  await sleep(500);

  const acked = [];
  const ackTimes = [];
  const failures = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    senders.map(async (send, s) => {
      for (let seq = 0; performance.now() < end; seq++) {
        const text = `tp|${s}|${seq}`;
        const sentAt = performance.now();
        try {
          await send(text);
          acked.push({ text, at: performance.now() - start });
          ackTimes.push(performance.now() - sentAt);
        } catch (error) {
          failures.push(String(error));
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const expected = acked.length * listeners.length;
  const count = () => received.reduce((total, seen) => total + seen.size, 0);
  await waitUntil(() => count() >= expected, 15_000);
  await sleep(300);
  let lost = 0;
  let duplicated = 0;
  for (const seen of received) {
    for (const { text } of acked) {
      const times = seen.get(text) ?? 0;
      if (times === 0) lost++;
      if (times > 1) duplicated += times - 1;
    }
  }
  close();
  for (const listener of listeners) listener.close();
  // Per-second buckets of acks, to show the rate held steady rather than a burst.
  const buckets = Array.from({ length: Math.ceil(elapsed) }, () => 0);
  for (const { at } of acked) buckets[Math.min(buckets.length - 1, Math.floor(at / 1000))]++;
  return {
    acked: acked.length,
    seconds: Math.round(elapsed * 100) / 100,
    perSecond: acked.length / elapsed,
    deliveriesPerSecond: (acked.length * (listeners.length + senderCount - 1)) / elapsed,
    perSecondBuckets: buckets,
    ackP50: percentile(ackTimes, 50),
    ackP99: percentile(ackTimes, 99),
    failed: failures.length,
    lost,
    duplicated,
  };
}

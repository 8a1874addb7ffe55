// A big room through the fan-out workers: 2,000 raw listeners (past FANOUT_INLINE_MAX, so `send` hands
// batches of FANOUT_BATCH_SIZE connections to the `fanout` function by asynchronous Lambda invocations,
// locally serverless-offline's Lambda endpoint, counted at the proxy). One sender sends a few messages,
// each after the last reached everyone. Checked at the socket level, by position: every listener
// receives every message's `seq` exactly once (a raw listener has no SDK to drop duplicates or fill
// gaps, so what arrives is what the workers posted). Measured: the time from the send until the last
// listener has the message, and the median listener's.
import { performance } from 'node:perf_hooks';
import { guestToken, RawClient } from './lib/raw-client.mjs';
import {
  callsBetween,
  inBatches,
  percentile,
  perEach,
  quiet,
  sleep,
  summarizeCalls,
  totalCalls,
  waitUntil,
} from './lib/stats.mjs';

/** The room: listeners (sharing `users` guest identities), messages, pause between messages. */
export const BIG_ROOM = { listeners: 2000, users: 40, messages: 5, pauseMs: 1000 };

/** Runs the case against our stack; resolves with per-message timings and the check's counts. */
export async function bigRoomBench({ ours, proxy, log, load = BIG_ROOM }) {
  const room = `big_${Date.now().toString(36)}`;
  log(`big room: connecting and joining ${load.listeners} raw listeners`);
  const tokens = await inBatches(Array.from({ length: load.users }), 5, async (_, i) => {
    return (await guestToken(ours.http, `Crowd ${i}`)).token;
  });
  const started = performance.now();
  const listeners = await inBatches(Array.from({ length: load.listeners }), 8, async (_, i) => {
    const listener = await RawClient.open(ours.ws, ['chat.v1', tokens[i % load.users]]);
    await listener.request({ action: 'join', room });
    return listener;
  });
  const joinSeconds = (performance.now() - started) / 1000;
  const sender = await RawClient.open(ours.ws, ['chat.v1', (await guestToken(ours.http, 'Announcer')).token]);
  log(`  ${listeners.length} joined in ${joinSeconds.toFixed(0)} s`);
  /** Arrivals per listener: seq → how many times. */
  const received = listeners.map(() => new Map());
  /** The message being measured (matched by its text, known before the send) and its arrival times. */
  let current;
  listeners.forEach((listener, index) => {
    listener.onMessage = (message) => {
      if (message.room !== room) return;
      const counts = received[index];
      const times = (counts.get(message.seq) ?? 0) + 1;
      counts.set(message.seq, times);
      if (times === 1 && current?.text === message.text)
        current.arrivals.push(performance.now() - current.sentAt);
    };
  });
  try {
    await sleep(1000);
    const warm = await sender.request({ action: 'send', room, text: 'warm-up', id: `${room}_warm` });
    await waitUntil(() => received.every((counts) => counts.has(warm.message.seq)), 60_000);
    await quiet(proxy, 1000);
    const before = await proxy.counts();
    const messages = [];
    for (let i = 0; i < load.messages; i++) {
      current = { text: `big ${i}`, sentAt: performance.now(), arrivals: [] };
      const ack = await sender.request({ action: 'send', room, text: current.text, id: `${room}_m${i}` });
      const ackMs = performance.now() - current.sentAt;
      const seq = ack.message.seq;
      const all = await waitUntil(() => received.every((counts) => counts.has(seq)), 60_000, 20);
      const { arrivals } = current;
      messages.push({
        seq,
        ackMs,
        delivered: arrivals.length,
        allMs: all ? percentile(arrivals, 100) : null,
        medianMs: percentile(arrivals, 50),
      });
      log(
        `  message ${i + 1}: to all ${listeners.length} in ${all ? `${percentile(arrivals, 100).toFixed(0)} ms` : 'never (60 s)'}, median listener ${percentile(arrivals, 50).toFixed(0)} ms`,
      );
      await sleep(load.pauseMs);
    }
    await sleep(1000); // late duplicates, if any, would arrive now
    const after = await quiet(proxy, 1000);
    const seqs = messages.map((m) => m.seq);
    let lost = 0;
    let duplicated = 0;
    for (const counts of received) {
      for (const seq of seqs) {
        const times = counts.get(seq) ?? 0;
        if (times === 0) lost++;
        if (times > 1) duplicated += times - 1;
      }
    }
    const diff = (name) => callsBetween(before, after, name);
    const calls = perEach(summarizeCalls(diff('oursDynamo'), diff('oursConnections')), load.messages);
    const workerCalls = totalCalls(diff('oursLambda')) / load.messages;
    return {
      listeners: listeners.length,
      users: load.users,
      joinSeconds: Math.round(joinSeconds),
      messages,
      allMsMedian: percentile(
        messages.map((m) => m.allMs ?? Number.POSITIVE_INFINITY),
        50,
      ),
      lost,
      duplicated,
      callsPerSend: { ...calls, workerInvocations: workerCalls },
    };
  } finally {
    sender.close();
    for (const listener of listeners) listener.close();
  }
}

// Sustained messages per second: several senders send as fast as their acks come back (closed loop,
// one message in flight each, as the SDK does per room) into a small room of raw listeners. Our
// backend is driven through the SDK (Node entry); the minimal handler, as a floor, through raw sockets
// with the same loop. Both are set up and warmed up first; then ROUNDS rounds alternate them, one
// slice each (in turns, the first backend changing every round), so background load on the shared
// machine falls on both alike. Every acked message must reach every listener exactly once. Also
// measured: each backend's server processes' CPU time per message (emulator with its handlers,
// gateway, dynalite) and each DynamoDB and @connections call's mean time, at the counting proxy.
import { performance } from 'node:perf_hooks';
import { createChatClient, guestAuth } from '@org/chat-sdk';
import { cpuMsOf, findProcesses } from './lib/process-cpu.mjs';
import { inBatches, percentile, sleep, waitUntil } from './lib/stats.mjs';

/** The load: senders, listeners, seconds per slice, seconds of warm-up. */
export const THROUGHPUT = { senders: 4, listeners: 5, seconds: 8, warmUpSeconds: 3 };

/**
 * Measures our backend (SDK senders) and the minimal handler (raw senders), alternating, `rounds`
 * times (BENCH_ROUNDS, default 3); one result per (target, round).
 */
export async function throughputBench({
  ours,
  targets,
  proxy,
  processes,
  log,
  load = THROUGHPUT,
  rounds = Number(process.env.BENCH_ROUNDS || 3),
}) {
  log(
    `throughput: ${load.senders} senders and ${load.listeners} listeners per backend, ${rounds} rounds of ${load.seconds} s`,
  );
  const rigs = [];
  try {
    for (const target of targets) {
      const makeSenders = target.name === 'ours' ? sdkSenders(ours) : rawSenders(target);
      rigs.push(await setUp(target, makeSenders, load));
    }
    for (const rig of rigs) await measure(rig, load.warmUpSeconds);
    const results = [];
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 ? rigs : [...rigs].reverse();
      for (const rig of order) {
        const { target } = rig;
        await proxy?.reset();
        const cpu = cpuMeter(processes?.[target.name]);
        const result = await measure(rig, load.seconds);
        result.cpuMsPerMessage = cpu(result.acked);
        if (proxy && target.counters) result.callMs = await callTimes(proxy, target, result.acked);
        log(
          `  ${target.label}, round ${round}/${rounds}: ${result.perSecond.toFixed(1)} msg/s acked, lost ${result.lost}, duplicated ${result.duplicated}`,
        );
        results.push({ target: target.name, label: target.label, round, ...load, ...result });
      }
    }
    return results;
  } finally {
    for (const rig of rigs) rig.close();
  }
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

/** Joins the listeners and senders of one backend to a room of their own. */
async function setUp(target, makeSenders, { senders: senderCount, listeners: listenerCount }) {
  const room = `tp_${target.name}_${Date.now().toString(36)}`;
  const listeners = await inBatches(Array.from({ length: listenerCount }), 4, async (_, i) => {
    const listener = await target.openListener(i);
    await listener.request({ action: 'join', room });
    return listener;
  });
  const { senders, close } = await makeSenders(room, senderCount);
  await sleep(500);
  return {
    target,
    listeners,
    senders,
    slice: 0,
    close: () => {
      close();
      for (const listener of listeners) listener.close();
    },
  };
}

/** Sends for `seconds` and checks that every acked message reached every listener exactly once. */
async function measure(rig, seconds) {
  const { listeners, senders } = rig;
  const slice = ++rig.slice;
  const received = listeners.map(() => new Map());
  listeners.forEach((listener, index) => {
    listener.onMessage = (message) => {
      const seen = received[index];
      seen.set(message.text, (seen.get(message.text) ?? 0) + 1);
    };
  });
  const acked = [];
  const ackTimes = [];
  const failures = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    senders.map(async (send, s) => {
      for (let seq = 0; performance.now() < end; seq++) {
        const text = `tp|${slice}|${s}|${seq}`;
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
  for (const listener of listeners) listener.onMessage = undefined;
  let lost = 0;
  let duplicated = 0;
  for (const seen of received) {
    for (const { text } of acked) {
      const times = seen.get(text) ?? 0;
      if (times === 0) lost++;
      if (times > 1) duplicated += times - 1;
    }
  }
  // Per-second buckets of acks, to show the rate held steady rather than a burst.
  const buckets = Array.from({ length: Math.ceil(elapsed) }, () => 0);
  for (const { at } of acked) buckets[Math.min(buckets.length - 1, Math.floor(at / 1000))]++;
  return {
    acked: acked.length,
    seconds: Math.round(elapsed * 100) / 100,
    perSecond: acked.length / elapsed,
    deliveriesPerSecond: (acked.length * (listeners.length + senders.length - 1)) / elapsed,
    perSecondBuckets: buckets,
    ackP50: percentile(ackTimes, 50),
    ackP99: percentile(ackTimes, 99),
    failed: failures.length,
    lost,
    duplicated,
  };
}

/** Per acked message: each DynamoDB and @connections call made, how many and their mean time (ms). */
async function callTimes(proxy, target, acked) {
  const [counts, timings] = await Promise.all([proxy.counts(), proxy.timings()]);
  const out = {};
  for (const name of [target.counters.dynamo, target.counters.connections]) {
    for (const [call, n] of Object.entries(counts[name] ?? {})) {
      out[call] = {
        perMessage: Math.round((n / Math.max(1, acked)) * 100) / 100,
        meanMs: Math.round(((timings[name]?.[call] ?? 0) / n) * 10) / 10,
      };
    }
  }
  return out;
}

/**
 * Starts counting the CPU time of a backend's server processes ({ part: command-line pattern });
 * the function returned gives each part's ms per message since.
 */
function cpuMeter(parts) {
  if (!parts) return () => undefined;
  const pids = Object.fromEntries(
    Object.entries(parts).map(([part, pattern]) => [part, findProcesses(pattern)]),
  );
  const total = (list) => list.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  const before = Object.fromEntries(Object.entries(pids).map(([part, list]) => [part, total(list)]));
  // The load generator (this process: senders and listeners) shares the machine's cores too.
  const own = process.cpuUsage();
  return (messages) => {
    const per = (ms) => Math.round((ms / Math.max(1, messages)) * 100) / 100;
    const used = process.cpuUsage(own);
    return {
      ...Object.fromEntries(
        Object.entries(pids).map(([part, list]) => [part, per(total(list) - before[part])]),
      ),
      loadGenerator: per((used.user + used.system) / 1000),
    };
  };
}

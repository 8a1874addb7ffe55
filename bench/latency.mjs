// Send→receive latency at room sizes 10, 100 and 500, for our backend and two floors driven with the
// same pattern at the same time: the minimal handler on the same serverless-offline and a bare `ws`
// server. Each backend has one raw sender that sends on a fixed schedule (open loop: it never waits
// for acks, so queueing shows) and raw listeners that timestamp each arrival. The backends' schedules
// are interleaved, each shifted by a fraction of the interval (ours half an interval after the
// minimal handler's), so background load on the shared machine falls on all of them alike while their
// own messages seldom overlap. Sizes run in turn, each for ROUNDS rounds; each round gives our ratio
// to the minimal handler, and the report takes the median round.
import { performance } from 'node:perf_hooks';
import { inBatches, percentile, perEach, sleep, summarizeCalls, waitUntil } from './lib/stats.mjs';

/**
 * The pattern per room size. serverless-offline posts cost ~1.4 ms each on an idle 2-core machine
 * (shared/DESIGN.md), so a message to 500 listeners keeps it busy ~0.7 s, and more when the machine is
 * shared: pacing leaves headroom so the figures show handling, not a queue that grows run after run.
 */
export const PATTERNS = [
  { size: 10, messages: 40, intervalMs: 500 },
  { size: 100, messages: 20, intervalMs: 1500 },
  { size: 500, messages: 15, intervalMs: 4000 },
];
/** Rounds per room size (BENCH_ROUNDS): the report gives the median of the rounds' ratios. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
/** Where in the interval each backend sends (a fraction of it): apart from each other. */
const OFFSET = { bare: 0.25, minimal: 0, ours: 0.5 };
/** Messages sent before each measured run and not counted (loads code paths, fills connection pools). */
const WARMUP = 3;
/** How long after the last send a run waits for stragglers before counting them lost. */
const DRAIN_MS = 20_000;

/**
 * Runs every pattern against all targets at once, `rounds` times per size; resolves with one result
 * per (size, target, round).
 */
export async function latencyBench({ targets, proxy, log, patterns = PATTERNS, rounds = ROUNDS }) {
  const runId = Date.now().toString(36);
  const state = new Map();
  for (const target of targets) {
    state.set(target, {
      room: `lat_${target.name}_${runId}`,
      listeners: [],
      sender: await target.openSender(),
    });
  }
  const results = [];
  try {
    for (const pattern of patterns) {
      for (const target of targets) {
        const { room, listeners } = state.get(target);
        await grow(target, room, listeners, pattern.size, log);
      }
      for (let round = 1; round <= rounds; round++) {
        await sleep(1000);
        log(
          `latency: room of ${pattern.size}, round ${round}/${rounds}: ${pattern.messages} messages every ${pattern.intervalMs} ms to each of ${targets.map((t) => t.label).join(', ')}`,
        );
        const tag = `${runId}${round}`;
        await Promise.all(targets.map((target) => warmUp({ target, ...state.get(target), pattern, tag })));
        await proxy.reset();
        const measured = await Promise.all(
          targets.map((target) => runPattern({ target, ...state.get(target), pattern, tag })),
        );
        const counts = await proxy.counts();
        targets.forEach((target, i) => {
          const result = measured[i];
          if (target.counters) {
            const calls = summarizeCalls(counts[target.counters.dynamo], counts[target.counters.connections]);
            result.callsPerSend = perEach(calls, pattern.messages);
          }
          log(
            `  ${target.label}: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, lost ${result.lost}, duplicated ${result.duplicated}`,
          );
          results.push({ target: target.name, label: target.label, round, ...pattern, ...result });
        });
      }
    }
  } finally {
    for (const { listeners, sender } of state.values()) {
      sender.close();
      for (const listener of listeners) listener.close();
    }
  }
  return results;
}

/** Connects and joins listeners until the room has `size` of them. */
async function grow(target, room, listeners, size, log) {
  if (listeners.length >= size) return;
  log(`  ${target.label}: joining ${size - listeners.length} more listeners (room of ${size})`);
  const from = listeners.length;
  const added = await inBatches(Array.from({ length: size - from }), target.joinConcurrency, async (_, i) => {
    const listener = await target.openListener(from + i);
    await listener.request({ action: 'join', room });
    return listener;
  });
  listeners.push(...added);
}

/** A few uncounted sends, each waited for. */
async function warmUp({ target, room, sender, pattern, tag }) {
  for (let i = 0; i < WARMUP; i++) {
    await sender.request(
      target.sendFrame(room, `warmup ${i}`, `lat_${tag}_${target.name}_${pattern.size}_w${i}`),
    );
    await sleep(pattern.intervalMs / 2);
  }
}

async function runPattern({ target, room, listeners, sender, pattern, tag }) {
  const { size, messages, intervalMs } = pattern;
  const key = (seq) => `lat_${tag}_${target.name}_${size}_${seq}`;
  // Arrivals per listener and message; the text carries the sequence number and the send time.
  const seen = listeners.map(() => new Uint8Array(messages));
  const latencies = [];
  const prefix = `${tag}|${size}|`;
  listeners.forEach((listener, index) => {
    listener.onMessage = (message) => {
      if (!message?.text?.startsWith(prefix)) return;
      const at = performance.now();
      const [, , seq, sentAt] = message.text.split('|');
      if (seen[index][seq]++ === 0) latencies.push(at - Number(sentAt));
    };
  });

  const acks = [];
  const start = performance.now() + (OFFSET[target.name] ?? 0) * intervalMs;
  for (let seq = 0; seq < messages; seq++) {
    await sleep(start + seq * intervalMs - performance.now());
    const sentAt = performance.now();
    acks.push(
      sender
        .request(target.sendFrame(room, `${prefix}${seq}|${sentAt}`, key(seq)))
        .then(() => performance.now() - sentAt),
    );
  }
  const expected = listeners.length * messages;
  await waitUntil(() => latencies.length >= expected, DRAIN_MS);
  const ackTimes = await Promise.all(acks);
  await sleep(300); // late duplicates, if any, would arrive now
  for (const listener of listeners) listener.onMessage = undefined;

  let duplicated = 0;
  for (const counts of seen) for (const count of counts) if (count > 1) duplicated += count - 1;
  return {
    listeners: listeners.length,
    samples: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    ackP50: percentile(ackTimes, 50),
    lost: expected - latencies.length,
    duplicated,
  };
}

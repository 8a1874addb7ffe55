// Reconnect storm: SDK clients (Node entry, the SDK's default timing) connected through a TCP proxy in
// front of each backend's local gateway, each in a room, long enough that their retry counters have
// reset. The proxy then drops every socket at once, as a network blip or a gateway deploy would.
// Measured: the time until every client is `open` again and, on our backend, until every one has
// resumed its room (a request made once all are open is answered only after the SDK re-joined and
// caught up), the connection attempts per second the proxy accepted (full-jitter backoff must spread
// the crowd rather than send it back at once), and every call the drop caused per client. The same
// crowd against the minimal handler (whose $connect does nothing and which has no $disconnect) shows
// what the emulator's handshakes alone cost.

import { createChatClient, guestAuth, tokenAuth } from '@org/chat-sdk';
import { build } from 'esbuild';
import { ROOT } from '../scripts/local-stack.mjs';
import {
  callsBetween,
  inBatches,
  peakInWindow,
  perEach,
  quiet,
  sleep,
  summarizeCalls,
  totalCalls,
  waitUntil,
} from './lib/stats.mjs';

/** The crowd: clients spread over rooms (small rooms keep presence fan-out modest). */
export const STORM = { clients: 200, rooms: 20 };

/** The SDK's default reconnect timing, read from its source so the report never goes stale. */
export async function sdkDefaultTiming() {
  const result = await build({
    entryPoints: [`${ROOT}/sdk/src/connection/connection.ts`],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'error',
  });
  const source = result.outputFiles[0].text;
  const module = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
  return module.DEFAULT_TIMING;
}

/** An unsigned token the minimal handler (which checks nothing) lets through; the SDK reads its claims. */
function unsignedToken(i) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ sub: `visitor-${i}`, name: `Visitor ${i}`, exp: Date.now() / 1000 + 3600 })}.x`;
}

/**
 * Runs the storm against our backend and then the minimal handler, `rounds` times (BENCH_ROUNDS,
 * default 3); one result per round, with the minimal handler's run of that round inside.
 */
export async function stormBench({
  ours,
  storm,
  proxy,
  log,
  load = STORM,
  rounds = Number(process.env.BENCH_ROUNDS || 3),
}) {
  const timing = await sdkDefaultTiming();
  const results = [];
  for (let round = 1; round <= rounds; round++) {
    const oursResult = await runStorm({
      label: `our backend, round ${round}/${rounds}`,
      wsUrl: storm.ours,
      httpUrl: ours.http,
      auth: (i) => guestAuth({ name: `Visitor ${i}` }),
      proxyName: 'storm',
      counters: {
        dynamo: 'oursDynamo',
        connections: 'oursConnections',
        queue: 'oursQueue',
        lambda: 'oursLambda',
      },
      probeResume: true,
      proxy,
      log,
      load,
      timing,
    });
    const minimalResult = await runStorm({
      label: `minimal handler, round ${round}/${rounds}`,
      wsUrl: storm.minimal,
      httpUrl: ours.http,
      auth: (i) => tokenAuth(() => unsignedToken(i)),
      proxyName: 'stormMinimal',
      counters: { dynamo: 'minimalDynamo', connections: 'minimalConnections' },
      probeResume: false,
      proxy,
      log,
      load,
      timing,
    });
    results.push({
      round,
      ...oursResult,
      backoff: timing.backoff,
      minUptimeMs: timing.minUptimeMs,
      connectTimeoutMs: timing.connectTimeoutMs,
      minimal: minimalResult,
    });
  }
  return results;
}

async function runStorm({
  label,
  wsUrl,
  httpUrl,
  auth,
  proxyName,
  counters,
  probeResume,
  proxy,
  log,
  load,
  timing,
}) {
  log(`storm: ${label}: connecting ${load.clients} SDK clients in ${load.rooms} rooms`);
  const tag = Date.now().toString(36);
  const entries = await inBatches(Array.from({ length: load.clients }), 10, async (_, i) => {
    const client = createChatClient({ wsUrl, httpUrl, auth: auth(i) });
    const entry = { client, room: undefined, reopenedAt: undefined, resumedAt: undefined, lastOpen: 0 };
    client.on('statechange', (change) => {
      if (change.to === 'open') entry.lastOpen = Date.now();
    });
    await client.connect();
    entry.room = await client.join(`storm_${tag}_${i % load.rooms}`);
    return entry;
  });
  try {
    // Retry counters reset only after `minUptimeMs` up: wait it out, as for clients connected long ago.
    const lastOpen = Math.max(...entries.map((entry) => entry.lastOpen));
    await sleep(lastOpen + timing.minUptimeMs + 500 - Date.now());

    let droppedAt = 0;
    for (const entry of entries) {
      entry.client.on('statechange', (change) => {
        if (change.to !== 'open' || !droppedAt || entry.reopenedAt) return;
        entry.reopenedAt = Date.now();
      });
    }
    log(`storm: ${label}: dropping every socket at once`);
    const callsBefore = await quiet(proxy);
    const { at, dropped } = await proxy.drop(proxyName);
    droppedAt = at;
    const allOpen = await waitUntil(() => entries.every((entry) => entry.reopenedAt), 120_000, 20);
    // "Resumed": a request made now is answered only once the SDK has re-joined the room and caught up.
    // It is made once every client is open, so the probes add no load while the crowd reconnects:
    // the figure is an upper bound of when the last client had resumed.
    if (probeResume) {
      for (const entry of entries) {
        entry.room.history({ limit: 1 }).then(
          () => {
            entry.resumedAt = Date.now();
          },
          () => undefined,
        );
      }
    }
    const allResumed =
      probeResume && (await waitUntil(() => entries.every((entry) => entry.resumedAt), 120_000, 20));
    const { accepts } = await proxy.accepts(proxyName, at);
    // Every call the drop caused, until the stack is quiet again: $disconnect handlers, and the
    // departures they queued once the presence grace period is over (quiet waits for those too).
    const callsAfter = await quiet(proxy, 1000);
    const reopened = entries
      .map((entry) => entry.reopenedAt)
      .filter(Boolean)
      .map((t) => t - at)
      .sort((a, b) => a - b);
    const result = {
      clients: load.clients,
      rooms: load.rooms,
      dropped,
      allOpen,
      allOpenMs: reopened.at(-1),
      medianOpenMs: reopened[Math.floor(reopened.length / 2)],
      ...(probeResume && {
        allResumed,
        allResumedMs: allResumed ? Math.max(...entries.map((entry) => entry.resumedAt)) - at : null,
      }),
      callsPerClient: counters
        ? perEach(
            summarizeCalls(
              callsBetween(callsBefore, callsAfter, counters.dynamo),
              callsBetween(callsBefore, callsAfter, counters.connections),
            ),
            load.clients,
          )
        : undefined,
      // Departures queued by $disconnect and the `departures` invocations that settled them.
      ...(counters.queue && {
        queuedPerClient: totalCalls(callsBetween(callsBefore, callsAfter, counters.queue)) / load.clients,
        invocationsPerClient:
          totalCalls(callsBetween(callsBefore, callsAfter, counters.lambda)) / load.clients,
      }),
      attempts: accepts.length,
      failedAttempts: accepts.length - reopened.length,
      peakAttemptsPerSecond: peakInWindow(accepts, 1000),
      peakAttemptsPer100ms: peakInWindow(accepts, 100),
      attemptsPerSecond: buckets(accepts, at, 1000),
      opensPerSecond: buckets(
        reopened.map((t) => t + at),
        at,
        1000,
      ),
    };
    log(
      `  all open after ${result.allOpenMs} ms${probeResume ? `, resumed after ${result.allResumedMs} ms` : ''}; peak ${result.peakAttemptsPerSecond} attempts/s, ${result.failedAttempts} failed`,
    );
    return result;
  } finally {
    for (const entry of entries) entry.client.close();
    // Let the $disconnect handlers finish before anything else is measured.
    await quiet(proxy, 1000);
  }
}

function buckets(timestamps, from, width) {
  const counts = [];
  for (const t of timestamps) {
    const index = Math.floor((t - from) / width);
    while (counts.length <= index) counts.push(0);
    counts[index]++;
  }
  return counts;
}

// What an idle connection costs per hour. SDK clients (Node entry) connect, join one room each and then
// do nothing; their heartbeat is shortened to HEARTBEAT_MS so a short run holds many pings. Counted
// over the idle window: pings the gateway answered itself (on AWS the MOCK `ping` route), frames it
// passed on to the backend (each one a Lambda invocation), and DynamoDB and @connections calls at the
// counting proxy. A ping is the only thing an idle client sends, so the calls per idle
// connection-hour with the SDK's default heartbeat are the calls per ping times the pings an hour
// holds at that heartbeat (3,600 s / heartbeat). The planned reconnect before API Gateway's 2-hour
// limit is not in this figure: see `renewalPerHour`.
import { createChatClient, guestAuth } from '@org/chat-sdk';
import { callsBetween, inBatches, quiet, sleep, summarizeCalls, totalCalls } from './lib/stats.mjs';
import { sdkDefaultTiming } from './storm.mjs';

/** The load: clients, the shortened heartbeat, how long they stay idle. */
export const IDLE = { clients: 20, heartbeatMs: 2000, seconds: 30 };

/** Runs the idle window against our stack; resolves with the counts and the per-hour figures. */
export async function idleBench({ ours, proxy, log, load = IDLE }) {
  const timing = await sdkDefaultTiming();
  const room = `idle_${Date.now().toString(36)}`;
  log(
    `idle: ${load.clients} SDK clients in one room, heartbeat ${load.heartbeatMs} ms (default ${timing.heartbeatMs / 1000} s), ${load.seconds} s idle`,
  );
  const clients = await inBatches(Array.from({ length: load.clients }), 4, async (_, i) => {
    const client = createChatClient({
      wsUrl: ours.ws,
      httpUrl: ours.http,
      auth: guestAuth({ name: `Idler ${i}` }),
      timing: { heartbeatMs: load.heartbeatMs },
    });
    client.opens = 0;
    client.on('statechange', (change) => {
      if (change.to === 'open') client.opens++;
    });
    await client.connect();
    await client.join(room);
    return client;
  });
  try {
    // The joins' presence frames are the last traffic; from here on nobody sends anything but pings.
    await quiet(proxy, 1000);
    const gatewayBefore = await ours.gateway();
    const before = await proxy.counts();
    const reconnectsBefore = countReconnects(clients);
    await sleep(load.seconds * 1000);
    const gatewayAfter = await ours.gateway();
    const after = await proxy.counts();
    const pings = gatewayAfter.pongs - gatewayBefore.pongs;
    const invocations = gatewayAfter.forwarded - gatewayBefore.forwarded;
    const diff = (name) => callsBetween(before, after, name);
    const calls = summarizeCalls(diff('oursDynamo'), diff('oursConnections'));
    const workerInvocations = totalCalls(diff('oursLambda'));
    const pingsPerHour = 3_600_000 / timing.heartbeatMs;
    const perPing = (n) => (pings ? n / pings : Number.NaN);
    const perHour = (n) => Math.round(perPing(n) * pingsPerHour * 100) / 100;
    const result = {
      clients: load.clients,
      seconds: load.seconds,
      heartbeatMs: load.heartbeatMs,
      defaultHeartbeatMs: timing.heartbeatMs,
      pings,
      expectedPings: Math.floor((load.clients * load.seconds * 1000) / load.heartbeatMs),
      lambdaInvocations: invocations + workerInvocations,
      dynamoCalls: calls.reads + calls.instanceReads + calls.writes,
      connectionsCalls: calls.posts + calls.otherConnections,
      reconnects: countReconnects(clients) - reconnectsBefore,
      perConnectionHour: {
        pings: Math.round(pingsPerHour * 100) / 100,
        // A ping in and a pong out: API Gateway bills both as WebSocket messages.
        websocketMessages: Math.round(2 * pingsPerHour * 100) / 100,
        lambdaInvocations: perHour(invocations + workerInvocations),
        dynamoCalls: perHour(calls.reads + calls.instanceReads + calls.writes),
        connectionsCalls: perHour(calls.posts + calls.otherConnections),
      },
      renewalPerHour:
        Math.round((60 / ((timing.maxLifetimeMs - timing.lifetimeJitterMs / 2) / 60_000)) * 100) / 100,
    };
    log(
      `  ${pings} pings answered by the gateway, ${result.lambdaInvocations} Lambda invocations, ${result.dynamoCalls} DynamoDB calls: ${result.perConnectionHour.lambdaInvocations} Lambda calls per idle connection-hour`,
    );
    return result;
  } finally {
    for (const client of clients) client.close();
  }
}

/** How many times the clients went `open`: a reconnect during the idle window would spoil the count. */
function countReconnects(clients) {
  return clients.reduce((total, client) => total + client.opens, 0);
}

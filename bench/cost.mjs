// The backend's cost per action in calls, counted by the proxy between our handlers and dynalite /
// @connections (bench/lib/counting-proxy.mjs). Each action runs a few times by itself, in a room with
// ROOM listeners of distinct users, and the counts are averaged. Sends at larger rooms come from the
// latency bench, which counts the same way.
import { guestToken, RawClient } from './lib/raw-client.mjs';
import { inBatches, perEach, quiet, sleep, summarizeCalls } from './lib/stats.mjs';

const ROOM = 10;
const REPEAT = 5;

/** Counts the calls of connect, join, send, retried send, history, leave and disconnect. */
export async function costBench({ ours, proxy, log }) {
  log(`cost: counting calls per action, room of ${ROOM}, ${REPEAT} times each`);
  const room = `cost_${Date.now().toString(36)}`;
  const tokens = await inBatches(Array.from({ length: ROOM + REPEAT }), 5, async (_, i) => {
    return (await guestToken(ours.http, `Counted ${i}`)).token;
  });
  const listeners = await inBatches(tokens.slice(0, ROOM), 5, async (token) => {
    const listener = await RawClient.open(ours.ws, ['chat.v1', token]);
    await listener.request({ action: 'join', room });
    return listener;
  });
  const actors = [];
  /** Runs `action` REPEAT times, counting only its own calls; `undo` runs after each, uncounted. */
  const measure = async (name, action, undo, setup) => {
    const total = { dynamo: {}, connections: {} };
    for (let i = 0; i < REPEAT; i++) {
      await setup?.(i);
      const before = await quiet(proxy);
      await action(i);
      const after = await quiet(proxy);
      addDiff(total.dynamo, after.oursDynamo, before.oursDynamo);
      addDiff(total.connections, after.oursConnections, before.oursConnections);
      await undo?.(i);
    }
    const perAction = perEach(summarizeCalls(total.dynamo, total.connections), REPEAT);
    log(`  ${name}: ${perAction.reads} reads, ${perAction.writes} writes, ${perAction.posts} posts`);
    return { action: name, ...perAction };
  };
  const rows = [];
  try {
    rows.push(
      await measure('connect ($connect)', async (i) => {
        actors[i] = await RawClient.open(ours.ws, ['chat.v1', tokens[ROOM + i]]);
      }),
    );
    rows.push(
      await measure(
        `join (room of ${ROOM})`,
        (i) => actors[i].request({ action: 'join', room }),
        // Leave again, uncounted, so every join meets a room of ROOM.
        (i) => actors[i].request({ action: 'leave', room }),
      ),
    );
    const sender = actors[0];
    let sent;
    rows.push(
      await measure(`send (room of ${ROOM})`, async (i) => {
        sent = await sender.request({
          action: 'send',
          room,
          text: `counted ${i}`,
          id: `cost_send_${room}_${i}`,
        });
      }),
    );
    rows.push(
      await measure('send retried (same id)', async () => {
        await sender.request({ action: 'send', room, text: sent.message.text, id: sent.message.clientId });
      }),
    );
    rows.push(
      await measure('history (50)', async () => {
        await sender.request({ action: 'history', room, limit: 50 });
      }),
    );
    rows.push(
      await measure(
        `leave (room of ${ROOM})`,
        (i) => actors[i].request({ action: 'leave', room }),
        undefined,
        (i) => actors[i].request({ action: 'join', room }),
      ),
    );
    rows.push(
      await measure(
        `disconnect (in a room of ${ROOM})`,
        async (i) => {
          actors[i].close();
          await sleep(200);
        },
        undefined,
        (i) => actors[i].request({ action: 'join', room }),
      ),
    );
  } finally {
    for (const client of [...listeners, ...actors]) client.close();
  }
  return rows;
}

function addDiff(total, after = {}, before = {}) {
  for (const [call, count] of Object.entries(after)) {
    const diff = count - (before[call] ?? 0);
    if (diff) total[call] = (total[call] ?? 0) + diff;
  }
}

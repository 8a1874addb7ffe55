// The backend's cost per action in calls, counted by the proxy between our handlers and dynalite /
// @connections (bench/lib/counting-proxy.mjs). Each action runs a few times by itself, in a room with
// ROOM listeners of distinct users, and the counts are averaged. Sends at larger rooms come from the
// latency and big-room benches, which count the same way.
import { signedInUser } from './lib/cognito-users.mjs';
import { guestToken, RawClient } from './lib/raw-client.mjs';
import { inBatches, perEach, quiet, sleep, summarizeCalls } from './lib/stats.mjs';

const ROOM = 10;
const REPEAT = 5;
/** Messages a resuming reader missed. */
const MISSED = 5;

/**
 * Counts the calls of connect, join (new reader and resume), send (public and private room), a
 * retried send, history, leave and disconnect.
 */
export async function costBench({ ours, proxy, log }) {
  log(`cost: counting calls per action, room of ${ROOM}, ${REPEAT} times each`);
  const tag = Date.now().toString(36);
  const room = `cost_${tag}`;
  const tokens = await inBatches(Array.from({ length: ROOM + REPEAT }), 5, async (_, i) => {
    return (await guestToken(ours.http, `Counted ${i}`)).token;
  });
  const listeners = await inBatches(tokens.slice(0, ROOM), 5, async (token) => {
    const listener = await RawClient.open(ours.ws, ['chat.v1', token]);
    await listener.request({ action: 'join', room });
    return listener;
  });
  const actors = [];
  const others = [];
  /** Runs `action` REPEAT times, counting only its own calls; `setup` and `undo` run before and after, uncounted. */
  const measure = async (name, action, { setup, undo } = {}) => {
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
    log(
      `  ${name}: ${perAction.reads} reads (+ ${perAction.instanceReads} per-instance refreshes), ${perAction.writes} writes, ${perAction.posts} posts`,
    );
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
        `join (new reader, room of ${ROOM})`,
        (i) => actors[i].request({ action: 'join', room }),
        {
          // Leave again, uncounted, so every join meets a room of ROOM.
          undo: (i) => actors[i].request({ action: 'leave', room }),
        },
      ),
    );
    const sender = actors[0];
    let sent;
    rows.push(
      await measure(`send (public room of ${ROOM})`, async (i) => {
        sent = await sender.request({
          action: 'send',
          room,
          text: `counted ${i}`,
          id: `cost_send_${tag}_${i}`,
        });
      }),
    );
    rows.push(
      await measure('send retried (same id)', async () => {
        await sender.request({ action: 'send', room, text: sent.message.text, id: sent.message.clientId });
      }),
    );
    let missedFrom = 0;
    rows.push(
      await measure(
        `join (resume after ${MISSED} missed messages)`,
        (i) => actors[i + 1 < REPEAT ? i + 1 : 1].request({ action: 'join', room, after: missedFrom }),
        {
          // The reader is away while MISSED messages are sent; it comes back with the last position it saw.
          setup: async (i) => {
            const reader = actors[i + 1 < REPEAT ? i + 1 : 1];
            const seen = await reader.request({ action: 'join', room });
            await reader.request({ action: 'leave', room });
            missedFrom = seen.latest;
            for (let m = 0; m < MISSED; m++) {
              await sender.request({
                action: 'send',
                room,
                text: `missed ${m}`,
                id: `cost_miss_${tag}_${i}_${m}`,
              });
            }
          },
          undo: (i) => actors[i + 1 < REPEAT ? i + 1 : 1].request({ action: 'leave', room }),
        },
      ),
    );
    let seenUpTo = 0;
    rows.push(
      await measure(
        'join (resume, nothing missed)',
        (i) => actors[i + 1 < REPEAT ? i + 1 : 1].request({ action: 'join', room, after: seenUpTo }),
        {
          // A reconnect in a quiet room: the reader comes back with the newest position there is.
          setup: async (i) => {
            const reader = actors[i + 1 < REPEAT ? i + 1 : 1];
            seenUpTo = (await reader.request({ action: 'join', room })).latest;
            await reader.request({ action: 'leave', room });
          },
          undo: (i) => actors[i + 1 < REPEAT ? i + 1 : 1].request({ action: 'leave', room }),
        },
      ),
    );
    rows.push(
      await measure('history (50)', async () => {
        await sender.request({ action: 'history', room, limit: 50 });
      }),
    );
    rows.push(
      await measure(`leave (room of ${ROOM})`, (i) => actors[i].request({ action: 'leave', room }), {
        setup: (i) => actors[i].request({ action: 'join', room }),
      }),
    );
    rows.push(
      await measure(
        `disconnect (in a room of ${ROOM})`,
        async (i) => {
          actors[i].close();
          await sleep(200);
        },
        { setup: (i) => actors[i].request({ action: 'join', room }) },
      ),
    );
    rows.push(await privateSend({ ours, tag, measure, others }));
  } finally {
    for (const client of [...listeners, ...actors, ...others]) client.close();
  }
  return rows;
}

/** A send in a private room of ROOM signed-in members (made uncounted, then counted like the others). */
async function privateSend({ ours, tag, measure, others }) {
  const room = `cost_private_${tag}`;
  const users = await inBatches(Array.from({ length: ROOM }), 4, (_, i) =>
    signedInUser(ours.cognito, ours.cognitoPool, `cost-${i}`),
  );
  const clients = await inBatches(users, 4, (user) => RawClient.open(ours.ws, ['chat.v1', user.idToken]));
  others.push(...clients);
  const owner = clients[0];
  await owner.request({ action: 'create', room, visibility: 'private' });
  for (const user of users.slice(1)) await owner.request({ action: 'add_member', room, user: user.sub });
  for (const client of clients) await client.request({ action: 'join', room });
  return measure(`send (private room of ${ROOM} members)`, (i) =>
    owner.request({ action: 'send', room, text: `private ${i}`, id: `cost_private_${tag}_${i}` }),
  );
}

function addDiff(total, after = {}, before = {}) {
  for (const [call, count] of Object.entries(after)) {
    const diff = count - (before[call] ?? 0);
    if (diff) total[call] = (total[call] ?? 0) + diff;
  }
}

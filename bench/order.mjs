// One order for everyone: several SDK clients send at once into one room, each with one message in
// flight (as the SDK sends per room), while SDK listeners record the order of their `message` events.
// Every client, senders included (their own messages come back through the same ordered feed), must
// see the same messages in the same order, with positions (`seq`) strictly increasing and, as nothing
// here fails or is retried, consecutive; every acked message exactly once. At the SDK level, because
// that is where the promise is made: raw sockets may see racing fan-outs arrive out of order, and the
// SDK puts them back in order (sdk/src/feed.ts).
import { createChatClient, guestAuth } from '@org/chat-sdk';
import { inBatches, waitUntil } from './lib/stats.mjs';

/** The load: senders, listeners, messages per sender. */
export const ORDER = { senders: 4, listeners: 10, messagesPerSender: 25 };

/** Runs the case against our stack; resolves with what every client saw, compared. */
export async function orderBench({ ours, log, load = ORDER }) {
  const room = `order_${Date.now().toString(36)}`;
  const total = load.senders + load.listeners;
  log(
    `order: ${load.senders} SDK senders × ${load.messagesPerSender} messages at once, ${load.listeners} SDK listeners`,
  );
  const clients = await inBatches(Array.from({ length: total }), 4, async (_, i) => {
    const client = createChatClient({
      wsUrl: ours.ws,
      httpUrl: ours.http,
      auth: guestAuth({ name: `${i < load.senders ? 'Sender' : 'Reader'} ${i}` }),
    });
    await client.connect();
    const joined = await client.join(room);
    const seen = [];
    joined.on('message', (message) => seen.push(message));
    return { client, room: joined, seen };
  });
  try {
    const acked = [];
    const failed = [];
    await Promise.all(
      clients.slice(0, load.senders).map(async ({ room: joined }, s) => {
        for (let i = 0; i < load.messagesPerSender; i++) {
          try {
            acked.push(await joined.send(`order ${s} ${i}`));
          } catch (error) {
            failed.push(String(error));
          }
        }
      }),
    );
    const expected = acked.length;
    await waitUntil(() => clients.every(({ seen }) => seen.length >= expected), 30_000);
    const reference = clients[0].seen.map((m) => m.id);
    const ackedIds = new Set(acked.map((m) => m.id));
    let identical = 0;
    let increasing = 0;
    let consecutive = 0;
    let complete = 0;
    for (const { seen } of clients) {
      const ids = seen.map((m) => m.id);
      if (ids.length === reference.length && ids.every((id, i) => id === reference[i])) identical++;
      if (seen.every((m, i) => i === 0 || m.seq > seen[i - 1].seq)) increasing++;
      if (seen.every((m, i) => i === 0 || m.seq === seen[i - 1].seq + 1)) consecutive++;
      const unique = new Set(ids);
      if (unique.size === ids.length && ids.length === ackedIds.size && ids.every((id) => ackedIds.has(id)))
        complete++;
    }
    const result = {
      senders: load.senders,
      clients: clients.length,
      messages: expected,
      failedSends: failed.length,
      identical,
      increasing,
      consecutive,
      complete,
      firstSeq: clients[0].seen[0]?.seq,
      lastSeq: clients[0].seen.at(-1)?.seq,
    };
    log(
      `  ${expected} messages; ${identical}/${clients.length} clients saw the same order, ${consecutive} with consecutive seq, ${complete} saw every message once`,
    );
    return result;
  } finally {
    for (const { client } of clients) client.close();
  }
}

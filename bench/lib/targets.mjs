// The three backends the latency and throughput benches drive with the same pattern. Each opens
// listener and sender sockets and shapes a `send` frame; all answer with the same frame shapes.
import { guestToken, RawClient } from './raw-client.mjs';
import { inBatches } from './stats.mjs';

/**
 * Our backend: guest tokens from POST /guest. Listeners share `users` guest identities (many
 * connections per user), so joining 500 listeners does not cost 500 presence fan-outs.
 */
export async function oursTarget(stack, { users = 20 } = {}) {
  const tokens = await inBatches(Array.from({ length: users }), 5, async (_, i) => {
    return (await guestToken(stack.http, `Listener ${i}`)).token;
  });
  return {
    name: 'ours',
    label: 'our backend',
    counters: { dynamo: 'oursDynamo', connections: 'oursConnections' },
    joinConcurrency: 8,
    openListener: (i) => RawClient.open(stack.ws, ['chat.v1', tokens[i % users]]),
    openSender: async (i = 0) =>
      RawClient.open(stack.ws, ['chat.v1', (await guestToken(stack.http, `Sender ${i}`)).token]),
    // The client-made id makes the send idempotent; 8–64 of A-Za-z0-9_-.
    sendFrame: (room, text, key) => ({ action: 'send', room, text, id: key }),
  };
}

/** The minimal put + query + post handler on the same serverless-offline (bench/minimal). */
export function minimalTarget(minimal) {
  return {
    name: 'minimal',
    label: 'minimal handler',
    counters: { dynamo: 'minimalDynamo', connections: 'minimalConnections' },
    joinConcurrency: 8,
    openListener: () => RawClient.open(minimal.ws),
    openSender: () => RawClient.open(minimal.ws),
    sendFrame: (room, text) => ({ action: 'send', room, text }),
  };
}

/** The bare `ws` broadcast server (bench/lib/bare-server.mjs). */
export function bareTarget(bare) {
  return {
    name: 'bare',
    label: 'bare ws',
    counters: undefined,
    joinConcurrency: 32,
    openListener: () => RawClient.open(bare.ws),
    openSender: () => RawClient.open(bare.ws),
    sendFrame: (room, text) => ({ action: 'send', room, text }),
  };
}

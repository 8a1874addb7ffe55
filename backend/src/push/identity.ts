import type { IdentityLink } from '@org/chat-sdk/protocol';
import { logger } from '../log.js';
import { listUserConnections } from '../store/connections.js';
import type { ConnectionsApi } from './connections-api.js';
import { fanOut } from './fanout.js';

/**
 * Tells every room the guest is subscribed in, on any of its connections, that the guest is the
 * account now (an `identity` frame, to everyone there the guest included), so open screens merge the
 * two. Rooms the guest wrote in but is not in now learn it from their next history page. Big rooms'
 * frames go to fan-out workers, as messages do. Returns how many rooms were told; a room that could
 * not be is logged, not thrown: the link stands, and a retry of the link tells them again.
 */
export async function announceLink(api: ConnectionsApi, link: IdentityLink): Promise<number> {
  const connections = await listUserConnections(link.from);
  const rooms = new Set(connections.flatMap((connection) => [...connection.rooms]));
  const results = await Promise.allSettled(
    [...rooms].map((room) =>
      fanOut(
        api,
        { room, handoff: true },
        { type: 'identity', room, from: link.from, to: link.to, at: link.at },
      ),
    ),
  );
  const failed = results.filter((result) => result.status === 'rejected');
  if (failed.length) {
    logger.warn('identity announcements failed', {
      failed: failed.length,
      error: String((failed[0] as PromiseRejectedResult).reason),
    });
  }
  return rooms.size - failed.length;
}

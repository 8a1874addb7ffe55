import { useEffect, useState } from 'react';
import type { ChatClient } from '../client.js';
import { ChatError } from '../errors.js';
import type { Room } from '../room.js';

/** What `useRoom` returns. */
export interface JoinedRoom {
  /** The joined room, once the server acked the join. */
  room: Room | undefined;
  /** Why joining failed (e.g. `forbidden` for a private room). */
  error: ChatError | undefined;
}

// How many mounted components hold each room of each client: the last one to let go leaves it.
const holders = new WeakMap<ChatClient, Map<string, number>>();

function hold(client: ChatClient, roomId: string): () => void {
  const counts = holders.get(client) ?? new Map<string, number>();
  holders.set(client, counts);
  counts.set(roomId, (counts.get(roomId) ?? 0) + 1);
  return () => {
    const left = (counts.get(roomId) ?? 1) - 1;
    if (left > 0) {
      counts.set(roomId, left);
      return;
    }
    counts.delete(roomId);
    // A closed client has nothing to leave; a failed leave only means the server forgets on disconnect.
    client.rooms
      .get(roomId)
      ?.leave()
      .catch(() => undefined);
  };
}

/**
 * Joins `roomId` with `client` and leaves it when the last component using it unmounts or switches
 * rooms. `room` is undefined until joined (and while `client` or `roomId` is).
 */
export function useRoom(client: ChatClient | undefined, roomId: string | undefined): JoinedRoom {
  const [joined, setJoined] = useState<JoinedRoom>({ room: undefined, error: undefined });

  useEffect(() => {
    if (!client || !roomId) return undefined;
    let current = true;
    const release = hold(client, roomId);
    client.join(roomId).then(
      (room) => current && setJoined({ room, error: undefined }),
      (reason: unknown) =>
        current &&
        setJoined({
          room: undefined,
          error: reason instanceof ChatError ? reason : new ChatError('internal', String(reason)),
        }),
    );
    return () => {
      current = false;
      setJoined({ room: undefined, error: undefined });
      release();
    };
  }, [client, roomId]);

  return joined;
}

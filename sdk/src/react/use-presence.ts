import type { ChatUser } from '../protocol/types.js';
import type { Room } from '../room.js';
import { useSnapshot } from './use-snapshot.js';

const NOBODY: readonly ChatUser[] = [];

/**
 * Who is online in the room now (one entry per user, you included), updated as people come and go,
 * and when a guest becomes an account (one person, shown as the account).
 */
export function usePresence(room: Room | undefined): readonly ChatUser[] {
  return useSnapshot(
    room,
    (source, onChange) => {
      const offPresence = source.on('presence', onChange);
      const offIdentity = source.on('identity', onChange);
      return () => {
        offPresence();
        offIdentity();
      };
    },
    (source) => source.online,
    NOBODY,
  );
}

import type { ChatUser } from '../protocol/types.js';
import type { Room } from '../room.js';
import { useSnapshot } from './use-snapshot.js';

const NOBODY: readonly ChatUser[] = [];

/** Who is online in the room now (one entry per user, you included), updated as people come and go. */
export function usePresence(room: Room | undefined): readonly ChatUser[] {
  return useSnapshot(
    room,
    (source, onChange) => source.on('presence', onChange),
    (source) => source.online,
    NOBODY,
  );
}

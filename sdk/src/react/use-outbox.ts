import type { OutgoingMessage, Room } from '../room.js';
import { useSnapshot } from './use-snapshot.js';

const EMPTY: readonly OutgoingMessage[] = [];

/**
 * The room's messages still sending or failed, oldest first: show them under the log, and offer
 * `room.retry(clientId)` or `room.discard(clientId)` on a failed one. A message leaves the outbox once
 * stored, when `useMessages` has it.
 */
export function useOutbox(room: Room | undefined): readonly OutgoingMessage[] {
  return useSnapshot(
    room,
    (source, onChange) => source.on('outbox', onChange),
    (source) => source.outbox,
    EMPTY,
  );
}

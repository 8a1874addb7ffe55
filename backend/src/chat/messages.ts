import type { ChatMessage } from '@org/chat-sdk/protocol';
import type { Identity } from '../auth/identity.js';
import { newMessageId } from './ids.js';

/** What a sender asked to post, its text already normalised (chat/text.ts). */
export interface MessageDraft {
  room: string;
  text: string;
  clientId: string;
}

/**
 * Builds the message to store at position `seq` from a draft and the sender's proven identity. `ts`
 * must be read after the position was allocated: readers use it as an upper bound of when every
 * lower position was allocated (chat/pages.ts).
 */
export function composeMessage(draft: MessageDraft, sender: Identity, seq: number, ts: number): ChatMessage {
  return {
    id: newMessageId(ts),
    seq,
    clientId: draft.clientId,
    room: draft.room,
    text: draft.text,
    ts,
    sender: { id: sender.id, name: sender.name, guest: sender.guest },
  };
}

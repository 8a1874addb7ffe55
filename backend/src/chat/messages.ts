import type { ChatMessage } from '@org/chat-sdk/protocol';
import type { Identity } from '../auth/identity.js';
import { newMessageId } from './ids.js';
import { normalizeMessageText } from './text.js';

/** What a sender asked to post. */
export interface MessageDraft {
  room: string;
  text: string;
  clientId: string;
}

/** Builds the message to store from a draft and the sender's proven identity. */
export function composeMessage(draft: MessageDraft, sender: Identity, now = Date.now()): ChatMessage {
  return {
    id: newMessageId(now),
    clientId: draft.clientId,
    room: draft.room,
    text: normalizeMessageText(draft.text),
    ts: now,
    sender: { id: sender.id, name: sender.name, guest: sender.guest },
  };
}

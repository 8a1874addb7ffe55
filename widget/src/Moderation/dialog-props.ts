import type { ChatMessage } from '@org/chat-sdk';
import type { AckFrame } from '@org/chat-sdk/protocol';
import type { ChatStore } from '../Chat/chat-store.js';
import type { ModerationStrings, Strings } from '../Common/i18n/strings.js';

/** What every dialog of the message tools is given. */
export interface MessageDialogProps {
  /** The message the tools were opened on. */
  message: ChatMessage;
  store: ChatStore;
  strings: Strings & ModerationStrings;
  /** The dialog closed. */
  onClose: () => void;
}

/**
 * Sends a moderation frame about the room (PROTOCOL.md, Moderation) and resolves with its ack: what
 * the SDK's editMessage, muteUser… send. Those are not imported here: the SDK module holding them is
 * part of the chat window's chunk (the room reads notices with it), so they would all be downloaded
 * with the chat window, by every visitor. A visitor who left the room meanwhile gets the generic error.
 */
export function act(store: ChatStore, frame: Record<string, unknown>): Promise<AckFrame> {
  const room = store.room();
  if (!room) return Promise.reject(new Error('not in the room any more'));
  return room.request(frame);
}

import type { ChatMessage, ChatUser } from './types.js';

/** A guest identity that became an account: the guest's messages written up to `at` are `to`'s. */
export interface IdentityLink {
  /** The guest's id. */
  from: string;
  /** The account the guest is now. */
  to: ChatUser;
  /** When the link was made (ms since the epoch). */
  at: number;
}

/**
 * The message as its sender is known now: one a linked guest wrote before the link shows the
 * account. Later ones keep the guest (whoever still holds that guest's token is not the account).
 */
export function relabelMessage(message: ChatMessage, link: IdentityLink): ChatMessage {
  return message.sender.id === link.from && message.ts <= link.at ? { ...message, sender: link.to } : message;
}

import { ChatError } from '@org/chat-sdk';
import type { Strings } from '../Common/i18n/strings.js';
import { moderation } from '../Moderation/load-moderation.js';

/** The server's messages are lower-case fragments ("name must not be empty"): shown as a sentence. */
export function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * A failure in words for the visitor: the network's fault; a refusal by its code ("You are muted
 * until…", slow mode, blocked…), once the moderation chunk that has those words is loaded (this does
 * not load it: see `moderation`); else the server's reason, or something else.
 */
export function describeError(error: unknown, strings: Strings): string {
  if (error instanceof ChatError) {
    if (error.code === 'network' || error.code === 'timeout') return strings.unreachable;
    return moderation.loaded.value?.refusal(error, strings) ?? sentence(error.message);
  }
  return strings.genericError;
}

import { ChatError } from '@org/chat-sdk';
import type { Strings } from '../Common/i18n/strings.js';

/** The server's messages are lower-case fragments ("name must not be empty"): shown as a sentence. */
export function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A failure in words for the visitor: the network's fault, the server's reason, or something else. */
export function describeError(error: unknown, strings: Strings): string {
  if (error instanceof ChatError) {
    if (error.code === 'network' || error.code === 'timeout') return strings.unreachable;
    return sentence(error.message);
  }
  return strings.genericError;
}

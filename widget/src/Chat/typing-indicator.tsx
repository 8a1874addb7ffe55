import type { ChatUser } from '@org/chat-sdk';
import { fill, type Strings } from '../Common/i18n/strings.js';

/** The words for who is typing; empty when nobody is. */
export function typingText(users: readonly ChatUser[], strings: Strings): string {
  const [a, b] = users;
  if (!a) return '';
  if (!b) return fill(strings.typingOne, { name: a.name });
  if (users.length === 2) return fill(strings.typingTwo, { a: a.name, b: b.name });
  return strings.typingMany;
}

/** Props of TypingIndicator. */
export interface TypingIndicatorProps {
  users: readonly ChatUser[];
  strings: Strings;
}

/**
 * "Ada is typing…" under the log. Not a live region on purpose: announcing every start and stop of
 * typing would drown the messages themselves. The line keeps its height so the log does not jump.
 */
export function TypingIndicator({ users, strings }: TypingIndicatorProps) {
  return <p class="h-5 truncate px-4 text-xs text-muted italic">{typingText(users, strings)}</p>;
}

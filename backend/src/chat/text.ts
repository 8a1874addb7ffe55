import { LIMITS } from '@org/chat-sdk/protocol';
import { ChatError } from '../errors.js';

// Control characters (C0, C1) and the bidi overrides that can disguise text.
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
const KEPT = new Set(['\n', '\t']);

/** Cleans message text: strips control characters, normalises line ends, refuses empty or oversized text. */
export function normalizeMessageText(raw: string): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, (c) => (KEPT.has(c) ? c : ''))
    .normalize('NFC');
  if (text.trim().length === 0) throw new ChatError('invalid', 'text must not be empty');
  if (text.length > LIMITS.maxTextLength) {
    throw new ChatError('too_large', `text exceeds ${LIMITS.maxTextLength} characters`);
  }
  return text;
}

/** Validates a display name: 1 to maxNameLength characters, no control characters; folds white space. */
export function validateDisplayName(raw: unknown): string {
  if (typeof raw !== 'string') throw new ChatError('invalid', 'name must be a string');
  if (/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(raw)) {
    throw new ChatError('invalid', 'name must not contain control characters');
  }
  const name = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length === 0) throw new ChatError('invalid', 'name must not be empty');
  if ([...name].length > LIMITS.maxNameLength) {
    throw new ChatError('invalid', `name must be at most ${LIMITS.maxNameLength} characters`);
  }
  return name;
}

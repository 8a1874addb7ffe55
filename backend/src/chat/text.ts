import { checkDisplayName, LIMITS, type NameProblem } from '@org/chat-sdk/protocol';
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

const NAME_PROBLEMS: Record<NameProblem, string> = {
  not_text: 'name must be a string',
  control: 'name must not contain control characters',
  invisible: 'name must not contain invisible characters',
  empty: 'name must not be empty',
  too_long: `name must be at most ${LIMITS.maxNameLength} characters`,
};

/**
 * Validates a guest's display name by the protocol's rules (`checkDisplayName`, shared with the SDK):
 * NFC, white space folded, no control, invisible or bidi characters, 1 to maxNameLength code points.
 */
export function validateDisplayName(raw: unknown): string {
  const check = checkDisplayName(raw);
  if (!check.ok) throw new ChatError('invalid', NAME_PROBLEMS[check.problem]);
  return check.name;
}

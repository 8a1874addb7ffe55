import { ChatError } from '@org/chat-sdk';
import type { RemovedReason } from '@org/chat-sdk/protocol';
import { fill, type Strings } from '../Common/i18n/strings.js';
import { moderationStrings } from './moderation-strings.js';
import { untilTime } from './until-time.js';

/** "You are muted until 14:05…" (or for good), with the moderator's reason if one was given. */
export function mutedText(strings: Strings, muted: { until?: number; reason?: string }): string {
  const words = moderationStrings(strings);
  const text = muted.until
    ? fill(words.mutedUntil, { time: untilTime(muted.until, words.lang) })
    : words.muted;
  return muted.reason ? `${text} ${fill(words.because, { reason: muted.reason })}` : text;
}

/** Whole seconds left of a wait of `ms` (at least 1: "wait 0 s" would invite a refused send). */
export const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * A refusal in the visitor's words, by its code (never the server's English); undefined for an error
 * that is not a refusal (the caller describes it as before).
 */
export function refusal(error: unknown, strings: Strings): string | undefined {
  if (!(error instanceof ChatError)) return undefined;
  const words = moderationStrings(strings);
  const { until } = error;
  switch (error.code) {
    case 'muted':
      return mutedText(strings, { until });
    case 'banned':
      // Without `until` (a removal tells none) it may be for good or not: the sentence says neither.
      return until ? fill(words.bannedUntil, { time: untilTime(until, words.lang) }) : words.banned;
    case 'slow_mode':
      return fill(words.slowModeWait, { n: secondsOf(error.retryAfterMs ?? 1000) });
    case 'held':
      return words.held;
    case 'blocked':
      return words.refusedBlocked;
    case 'link_not_allowed':
      return words.refusedLink;
    case 'duplicate':
      return words.refusedDuplicate;
    case 'flood':
      return words.refusedFlood;
    case 'edit_window_closed':
      return words.refusedEditWindow;
    case 'moderation_unavailable':
      return words.refusedUnavailable;
    case 'forbidden':
      return words.refusedForbidden;
    case 'not_found':
      return words.refusedNotFound;
    case 'rate_limited':
      return words.refusedRateLimited;
    case 'too_large':
      return words.refusedTooLarge;
    case 'conflict':
      return words.refusedConflict;
    default:
      return undefined;
  }
}

/** Why the visitor's place in the room ended: banned, removed from its members, or the room made private. */
export function removal(reason: RemovedReason, strings: Strings): string {
  const words = moderationStrings(strings);
  if (reason === 'banned') return words.banned;
  return reason === 'private' ? words.roomMadePrivate : words.removedFromRoom;
}

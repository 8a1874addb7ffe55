import { createHash } from 'node:crypto';
import type { ErrorCode, LinkPolicy } from '@org/chat-sdk/protocol';

/** A filter's or the hook's decision on a message. */
export type Verdict =
  | { verdict: 'allow' }
  | { verdict: 'reject'; code: ErrorCode; reason: string }
  | { verdict: 'hold'; reason: string };

/** Lets a message through. */
export const ALLOW: Verdict = { verdict: 'allow' };

/** Text prepared for matching: words separated by single spaces, and letters and digits only. */
interface MatchText {
  /** Lower case, accents dropped, runs of anything but letters and digits turned into one space, padded. */
  spaced: string;
  /** The same with the spaces removed and common look-alike digits read as letters (v1agra, c@sino). */
  compact: string;
  /** The NFKC text as sent (for stage regular expressions). */
  raw: string;
}

/** One entry of a block list. */
export interface BlockRule {
  /** The entry as configured, for logs and the held message's reason. */
  label: string;
  verdict: 'reject' | 'hold';
  matches(text: MatchText): boolean;
}

const LOOK_ALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};
// Words this short are matched as whole words only: inside longer runs of letters they are too often innocent.
const MIN_COMPACT_MATCH = 6;

/** Prepares text for block-list matching (also used on the list's own words). */
export function matchText(text: string): MatchText {
  const raw = text.normalize('NFKC');
  const folded = raw
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
  const spaced = ` ${folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const compact = folded.replace(/[013457@$]/g, (c) => LOOK_ALIKES[c] ?? c).replace(/[^\p{L}\p{N}]+/gu, '');
  return { spaced, compact, raw };
}

/** A block-list word or phrase: matched as whole words, or (long enough) inside squeezed text. */
export function wordRule(word: string, verdict: 'reject' | 'hold'): BlockRule | undefined {
  const { spaced, compact } = matchText(word);
  if (spaced.trim() === '') return undefined;
  return {
    label: word,
    verdict,
    matches: (text) =>
      text.spaced.includes(spaced) || (compact.length >= MIN_COMPACT_MATCH && text.compact.includes(compact)),
  };
}

/**
 * Parses the stage's block list: comma-separated entries, each a word or phrase (refused), `hold:` and
 * a word (held for review), or `re:` / `hold:re:` and a regular expression matched case-insensitively
 * on the text (an entry cannot contain a comma). Rooms add plain words only: a regular expression
 * from a room's moderator would run on every send, and a bad one could stall it.
 */
export function parseBlockList(spec: string): BlockRule[] {
  const rules: BlockRule[] = [];
  for (const entry of spec.split(',')) {
    let rest = entry.trim();
    if (!rest) continue;
    let verdict: 'reject' | 'hold' = 'reject';
    if (rest.startsWith('hold:')) {
      verdict = 'hold';
      rest = rest.slice(5);
    }
    if (rest.startsWith('re:')) {
      const pattern = new RegExp(rest.slice(3), 'iu');
      rules.push({ label: rest, verdict, matches: (text) => pattern.test(text.raw) });
    } else {
      const rule = wordRule(rest, verdict);
      if (rule) rules.push(rule);
    }
  }
  return rules;
}

// A scheme or `www.`, or a name ending in a common top-level domain (spam rarely uses rare ones).
const LINK =
  /(?:\b(?:https?|ftp):\/\/|\bwww\.)\S|\b[\p{L}\p{N}-]{1,63}(?:\.|\(dot\)|\[dot\])(?:com|net|org|io|co|ru|cn|de|uk|fr|xyz|info|biz|app|dev|me|ly|gg|tk|top|site|online|link|click|shop|live|to|be)\b/iu;

/** Whether text holds something a browser or a reader would take for a link. */
export function containsLink(text: string): boolean {
  return LINK.test(text.normalize('NFKC'));
}

/** What the content filters look at. */
export interface ContentCheck {
  text: string;
  /** The stage's rules and the room's own words. */
  rules: readonly BlockRule[];
  links: LinkPolicy;
  senderIsGuest: boolean;
  /** Moderators may post links; the block list applies to them too. */
  senderIsModerator: boolean;
}

/**
 * The block list and link policy's verdict: a refusing entry wins over a holding one; a link where the
 * room's policy forbids it is refused with `link_not_allowed`.
 */
export function contentVerdict(check: ContentCheck): Verdict {
  const text = matchText(check.text);
  let hold: BlockRule | undefined;
  for (const rule of check.rules) {
    if (!rule.matches(text)) continue;
    if (rule.verdict === 'reject') return { verdict: 'reject', code: 'blocked', reason: 'blocked word' };
    hold ??= rule;
  }
  if (
    !check.senderIsModerator &&
    check.links !== 'allow' &&
    (check.links === 'none' || check.senderIsGuest)
  ) {
    if (containsLink(check.text)) {
      return {
        verdict: 'reject',
        code: 'link_not_allowed',
        reason: check.links === 'none' ? 'links are not allowed here' : 'guests may not post links here',
      };
    }
  }
  return hold ? { verdict: 'hold', reason: `matched "${hold.label}"` } : ALLOW;
}

/** One earlier post of an identity in a room, as the flood and duplicate checks remember it. */
export interface PostEntry {
  /** When, ms since the epoch. */
  t: number;
  /** A hash of the text as matched (case, accents and punctuation do not make it new). */
  h: string;
  /** A hash of the client id: a retried send (same id) is neither a duplicate nor a flood. */
  c: string;
}

/** How the flood and duplicate checks are set. */
export interface RepetitionSettings {
  duplicates: boolean;
  duplicateSeconds: number;
  flood: boolean;
  floodMessages: number;
  floodSeconds: number;
}

/** The entry that remembers a post. */
export function postEntry(text: string, clientId: string, now: number): PostEntry {
  return { t: now, h: shortHash(matchText(text).spaced), c: shortHash(clientId) };
}

/** How many entries an identity's record keeps: enough for the flood window and a few duplicates. */
export function entriesKept(settings: RepetitionSettings): number {
  return Math.max(settings.floodMessages, 5);
}

/**
 * Refuses a post that repeats one of the identity's recent texts (`duplicate`), or that comes after
 * `floodMessages` others within `floodSeconds` (`flood`). A retry of the same send is neither.
 */
export function repetitionVerdict(
  previous: readonly PostEntry[],
  current: PostEntry,
  settings: RepetitionSettings,
): Verdict {
  const others = previous.filter((entry) => entry.c !== current.c);
  if (
    settings.duplicates &&
    others.some((e) => e.h === current.h && current.t - e.t < settings.duplicateSeconds * 1000)
  ) {
    return { verdict: 'reject', code: 'duplicate', reason: 'you sent the same text a moment ago' };
  }
  if (settings.flood) {
    const recent = others.filter((e) => current.t - e.t < settings.floodSeconds * 1000).length;
    if (recent >= settings.floodMessages) {
      return { verdict: 'reject', code: 'flood', reason: 'too many messages in a short time' };
    }
  }
  return ALLOW;
}

/** How long a sender in slow mode must still wait after its last post at `lastAt`, in ms (0: may post). */
export function slowModeWait(lastAt: number | undefined, now: number, slowModeSeconds: number): number {
  if (!slowModeSeconds || lastAt === undefined) return 0;
  return Math.max(0, lastAt + slowModeSeconds * 1000 - now);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

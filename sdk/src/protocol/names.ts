// Display names, shared by the server (POST /guest, the $connect authorizer) and the SDK (the user a
// token names), so both sides show the same name. Issue 10: a name must not hide characters.
import { LIMITS } from './limits.js';

/** Why a display name was refused; the backend turns it into an `invalid` error's message. */
export type NameProblem = 'not_text' | 'control' | 'invisible' | 'empty' | 'too_long';

/** A cleaned name, or why there is none. */
export type NameCheck = { ok: true; name: string } | { ok: false; problem: NameProblem };

/** Shown for a signed-in user whose token carries no usable `name` (never derived from the e-mail). */
export const DEFAULT_USER_NAME = 'User';
/** Shown for a guest token whose name is unusable (tokens issued before a rule changed). */
export const DEFAULT_GUEST_NAME = 'Guest';

// Control characters (C0, C1, DEL: tab and new line included, a name is one line) and the bidi
// controls (LRM, RLM, ALM, embeddings, overrides, isolates), which reorder the text around them.
const CONTROL = /[\p{Cc}\p{Bidi_Control}]/u;
// Everything that draws nothing or changes how the text around it is drawn: format characters
// (zero-width space, joiner and non-joiner, word joiner, BOM, soft hyphen, LRM/RLM/ALM, bidi
// embeddings, overrides and isolates, invisible operators, tags), lone surrogates, private-use and
// unassigned code points, every default-ignorable code point (Hangul fillers, combining grapheme
// joiner, variation selectors...) and the blank Braille pattern.
const INVISIBLE = /[\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\u2800]/u;
// The uses of invisible characters that draw something: a zero-width joiner between two emoji (👩‍💻),
// an emoji presentation selector after a pictograph (❤️) or in a keycap (1️⃣), and an ideographic
// variation selector after a CJK ideograph. They are removed before the check (each pattern keeps
// the character before it, `$1`); anywhere else they would only make a look-alike of another name
// ("Sup\uFE0Fport"). No lookbehind: Safari parses it only since 16.4, and this ships in the widget.
const EMOJI_JOINER =
  /(\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})/gu;
const MEANINGFUL_SELECTOR =
  /(\p{Extended_Pictographic})[\uFE0E\uFE0F]|([0-9#*])\uFE0F(?=\u20E3)|(\p{Ideographic})[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
// At least one character that draws on its own (not only spaces or combining marks).
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * Checks and cleans a display name: NFC-normalised, white space folded to single spaces and trimmed;
 * refused when it holds control, invisible or bidi characters, has nothing visible, or is longer
 * than `maxLength` code points.
 */
export function checkDisplayName(raw: unknown, maxLength: number = LIMITS.maxNameLength): NameCheck {
  if (typeof raw !== 'string') return { ok: false, problem: 'not_text' };
  // NFC first: a decomposed name and its composed twin must be the same name.
  const name = raw.normalize('NFC');
  if (CONTROL.test(name)) return { ok: false, problem: 'control' };
  // Before white space is folded: JS's \s includes the BOM, which must be refused, not folded.
  if (INVISIBLE.test(name.replace(EMOJI_JOINER, '$1').replace(MEANINGFUL_SELECTOR, '$1$2$3'))) {
    return { ok: false, problem: 'invisible' };
  }
  const folded = name.replace(/\s+/g, ' ').trim();
  if (!VISIBLE.test(folded)) return { ok: false, problem: 'empty' };
  if (codePoints(folded) > maxLength) return { ok: false, problem: 'too_long' };
  return { ok: true, name: folded };
}

/**
 * The name to show for a token's `name` claim: cut to `LIMITS.maxNameLength` code points on a
 * character boundary (never inside a surrogate pair or an emoji sequence), then checked; `fallback`
 * when it is absent or refused.
 */
export function displayNameOrDefault(raw: unknown, fallback: string): string {
  if (typeof raw !== 'string') return fallback;
  // No trim before the check: JS's trim() drops a BOM, which must refuse the name, not vanish.
  const check = checkDisplayName(cutDisplayName(raw.normalize('NFC'), LIMITS.maxNameLength));
  return check.ok ? check.name : fallback;
}

/** The longest start of `text` of at most `max` code points that ends on a character boundary. */
export function cutDisplayName(text: string, max: number): string {
  if (codePoints(text) <= max) return text;
  let cut = '';
  let used = 0;
  for (const cluster of clusters(text)) {
    const size = codePoints(cluster);
    if (used + size > max) break;
    cut += cluster;
    used += size;
  }
  return cut;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

// User-perceived characters where the runtime can tell them (every current browser and Node), else
// code points: either way a surrogate pair is never split.
function clusters(text: string): Iterable<string> {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    const segments = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text);
    return Array.from(segments, (part) => part.segment);
  }
  return text;
}

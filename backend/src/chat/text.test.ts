import { displayNameOrDefault, LIMITS } from '@org/chat-sdk/protocol';
import { describe, expect, it } from 'vitest';
import { ChatError } from '../errors.js';
import { normalizeMessageText, validateDisplayName } from './text.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof ChatError ? error.code : 'not a ChatError';
  }
  return undefined;
}

describe('normalizeMessageText', () => {
  it('strips control characters and bidi overrides but keeps tabs and new lines', () => {
    expect(normalizeMessageText('a\u0000b\u0007c\td\r\ne\u202Ef\u0085')).toBe('abc\td\nef');
  });

  it('keeps markup as plain text', () => {
    expect(normalizeMessageText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('refuses empty or blank text as invalid', () => {
    expect(codeOf(() => normalizeMessageText(''))).toBe('invalid');
    expect(codeOf(() => normalizeMessageText(' \n\u0000 '))).toBe('invalid');
  });

  it('refuses text over the limit as too_large, and accepts text at it', () => {
    expect(normalizeMessageText('x'.repeat(LIMITS.maxTextLength))).toHaveLength(LIMITS.maxTextLength);
    expect(codeOf(() => normalizeMessageText('x'.repeat(LIMITS.maxTextLength + 1)))).toBe('too_large');
  });
});

describe('validateDisplayName', () => {
  it('trims and folds white space', () => {
    expect(validateDisplayName('  Ada   Lovelace ')).toBe('Ada Lovelace');
    expect(validateDisplayName('Ada\u00A0\u3000Lovelace')).toBe('Ada Lovelace');
  });

  it('NFC-normalises, so a decomposed name and its composed twin are the same name', () => {
    const decomposed = 'Zoe\u0301';
    expect(validateDisplayName(decomposed)).toBe('Zo\u00E9');
    expect(validateDisplayName(decomposed)).toBe(validateDisplayName('Zo\u00E9'));
  });

  it('refuses non-strings, empty names, control characters and long names', () => {
    expect(codeOf(() => validateDisplayName(42))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('   '))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('Ada\u0000'))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('Ada\nLovelace'))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('Ada\u0085'))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('x'.repeat(LIMITS.maxNameLength + 1)))).toBe('invalid');
  });

  // Each class of character that draws nothing or reorders what is drawn, alone and inside a name
  // that would otherwise look like "Support".
  it.each([
    ['zero-width space', '\u200B'],
    ['zero-width non-joiner', '\u200C'],
    ['zero-width joiner outside an emoji sequence', '\u200D'],
    ['word joiner', '\u2060'],
    ['byte order mark / zero-width no-break space', '\uFEFF'],
    ['soft hyphen', '\u00AD'],
    ['invisible separator', '\u2063'],
    ['invisible times', '\u2062'],
    ['Mongolian vowel separator', '\u180E'],
    ['combining grapheme joiner', '\u034F'],
    ['Hangul choseong filler', '\u115F'],
    ['Hangul jungseong filler', '\u1160'],
    ['Hangul filler', '\u3164'],
    ['halfwidth Hangul filler', '\uFFA0'],
    ['Braille blank', '\u2800'],
    ['tag character', '\u{E0041}'],
    ['cancel tag', '\u{E007F}'],
    ['variation selector alone', '\uFE0F'],
    ['variation selector supplement alone', '\u{E0100}'],
    ['left-to-right mark', '\u200E'],
    ['right-to-left mark', '\u200F'],
    ['Arabic letter mark', '\u061C'],
    ['left-to-right embedding', '\u202A'],
    ['right-to-left embedding', '\u202B'],
    ['pop directional formatting', '\u202C'],
    ['left-to-right override', '\u202D'],
    ['right-to-left override', '\u202E'],
    ['left-to-right isolate', '\u2066'],
    ['right-to-left isolate', '\u2067'],
    ['first strong isolate', '\u2068'],
    ['pop directional isolate', '\u2069'],
    ['lone high surrogate', '\uD83D'],
    ['lone low surrogate', '\uDE00'],
    ['private-use character', '\uE000'],
    ['unassigned code point', '\u0378'],
    ['interlinear annotation anchor', '\uFFF9'],
  ])('refuses a %s', (_name, char) => {
    expect(codeOf(() => validateDisplayName(char))).toBe('invalid');
    expect(codeOf(() => validateDisplayName(`Sup${char}port`))).toBe('invalid');
    expect(codeOf(() => validateDisplayName(`Support${char}`))).toBe('invalid');
  });

  it('says why a name with an invisible character was refused', () => {
    expect(() => validateDisplayName('Sup\u200Bport')).toThrow(/invisible/);
  });

  it('refuses a name of combining marks only (nothing visible of its own)', () => {
    expect(codeOf(() => validateDisplayName('\u0301\u0302'))).toBe('invalid');
  });

  it('accepts emoji sequences that draw one picture: ZWJ sequences, presentation selectors, skin tones', () => {
    expect(validateDisplayName('Ada \u{1F469}\u200D\u{1F4BB}')).toBe('Ada \u{1F469}\u200D\u{1F4BB}');
    expect(validateDisplayName('I \u2764\uFE0F tea')).toBe('I \u2764\uFE0F tea');
    expect(validateDisplayName('\u{1F44B}\u{1F3FD}\u200D\u2642\uFE0F Bo')).toBe(
      '\u{1F44B}\u{1F3FD}\u200D\u2642\uFE0F Bo',
    );
    expect(validateDisplayName('\u{1F3F3}\uFE0F\u200D\u{1F308}')).toBe('\u{1F3F3}\uFE0F\u200D\u{1F308}');
    expect(validateDisplayName('Room 1\uFE0F\u20E3')).toBe('Room 1\uFE0F\u20E3');
    expect(validateDisplayName('\u845B\u{E0100}\u57CE')).toBe('\u845B\u{E0100}\u57CE');
  });

  it('refuses a variation selector or a joiner where it draws nothing (a look-alike of another name)', () => {
    expect(codeOf(() => validateDisplayName('Agent 1\uFE0F'))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('Bo\uFE0E'))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('\u{1F469}\u200D Bo'))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('\u{1F600}\uFE0F\uFE0F'))).toBe('invalid');
  });

  it('accepts names in other scripts, right-to-left ones included', () => {
    for (const name of [
      '\u0639\u0644\u064A',
      '\u05E9\u05E8\u05D4',
      '\u674E\u5C0F\u9F99',
      '\u0926\u0947\u0935',
    ]) {
      expect(validateDisplayName(name)).toBe(name);
    }
  });

  it('counts code points, not UTF-16 units: 40 astral characters are 40 characters', () => {
    expect(validateDisplayName('\u{1F600}'.repeat(LIMITS.maxNameLength))).toHaveLength(
      LIMITS.maxNameLength * 2,
    );
    expect(codeOf(() => validateDisplayName('\u{1F600}'.repeat(LIMITS.maxNameLength + 1)))).toBe('invalid');
  });
});

describe('displayNameOrDefault (names from token claims)', () => {
  it('keeps a valid name, cleaned', () => {
    expect(displayNameOrDefault('  Grace   Hopper ', 'User')).toBe('Grace Hopper');
  });

  it('falls back to the default for an absent, non-string or refused name', () => {
    expect(displayNameOrDefault(undefined, 'User')).toBe('User');
    expect(displayNameOrDefault(42, 'User')).toBe('User');
    expect(displayNameOrDefault('Sup\u200Bport', 'User')).toBe('User');
    expect(displayNameOrDefault('\u202Etroppus', 'User')).toBe('User');
    expect(displayNameOrDefault('   ', 'User')).toBe('User');
    expect(displayNameOrDefault('\uFEFFSupport', 'User')).toBe('User');
  });

  it('cuts a long name on whole characters: never half a surrogate pair or half an emoji sequence', () => {
    const long = `${'a'.repeat(LIMITS.maxNameLength - 1)}\u{1F600}b`;
    expect(displayNameOrDefault(long, 'User')).toBe(`${'a'.repeat(LIMITS.maxNameLength - 1)}\u{1F600}`);
    const family = '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}';
    const cut = displayNameOrDefault(`${'a'.repeat(LIMITS.maxNameLength - 2)}${family}`, 'User');
    expect(cut).toBe('a'.repeat(LIMITS.maxNameLength - 2));
    expect(cut).not.toMatch(/\p{Cs}/u);
  });

  it('cuts astral names to 40 code points without a lone surrogate', () => {
    const cut = displayNameOrDefault('\u{1F600}'.repeat(60), 'User');
    expect([...cut]).toHaveLength(LIMITS.maxNameLength);
    expect(cut).not.toMatch(/\p{Cs}/u);
  });
});

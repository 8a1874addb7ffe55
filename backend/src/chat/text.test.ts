import { LIMITS } from '@org/chat-sdk/protocol';
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
  });

  it('refuses non-strings, empty names, control characters and long names', () => {
    expect(codeOf(() => validateDisplayName(42))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('   '))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('Ada\u0000'))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('Ada\u202E'))).toBe('invalid');
    expect(codeOf(() => validateDisplayName('x'.repeat(LIMITS.maxNameLength + 1)))).toBe('invalid');
    expect(validateDisplayName('😀'.repeat(LIMITS.maxNameLength))).toHaveLength(LIMITS.maxNameLength * 2);
  });
});

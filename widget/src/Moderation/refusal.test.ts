import { ChatError, type ChatErrorCode } from '@org/chat-sdk';
import { describe, expect, it } from 'vitest';
import { de } from '../Common/i18n/de.js';
import { en } from '../Common/i18n/en.js';
import { fr } from '../Common/i18n/fr.js';
import { MODERATION_STRINGS_EN } from './moderation-strings.js';
import { refusal, removal } from './refusal.js';

const REFUSALS: ChatErrorCode[] = [
  'muted',
  'banned',
  'slow_mode',
  'held',
  'blocked',
  'link_not_allowed',
  'duplicate',
  'flood',
  'edit_window_closed',
  'moderation_unavailable',
  'forbidden',
  'not_found',
  'rate_limited',
  'too_large',
  'conflict',
];

describe('refusals in words', () => {
  it('says every refusal by its code in each language, never with the server’s English', () => {
    for (const strings of [en, fr, de]) {
      const seen = new Set<string>();
      for (const code of REFUSALS) {
        const words = refusal(new ChatError(code, `server says ${code}`), strings);
        expect(words, code).toBeTruthy();
        expect(words, code).not.toContain('server says');
        seen.add(words as string);
      }
      // Each refusal has words of its own.
      expect(seen.size).toBe(REFUSALS.length);
    }
    expect(refusal(new ChatError('blocked', 'blocked word'), fr)).toBe(
      'Il contient des mots qui ne sont pas autorisés ici.',
    );
  });

  it('leaves other errors to the caller', () => {
    expect(refusal(new ChatError('invalid', 'name must not be empty'), en)).toBeUndefined();
    expect(refusal(new ChatError('network', 'offline'), en)).toBeUndefined();
    expect(refusal(new Error('boom'), en)).toBeUndefined();
  });

  it('says until when a mute or a ban lasts, when the server says it', () => {
    const until = new Date(2031, 4, 6, 14, 5).getTime();
    const muted = refusal(new ChatError('muted', 'muted', undefined, until), en);
    expect(muted).toMatch(/^You are muted until .*02:05 PM: you can read, but not send messages\.$/);
    expect(refusal(new ChatError('muted', 'muted'), en)).toBe(MODERATION_STRINGS_EN.muted);
    expect(refusal(new ChatError('banned', 'banned', undefined, until), de)).toMatch(
      /^Du bist bis .*14:05 aus dieser Unterhaltung gesperrt\.$/,
    );
    expect(refusal(new ChatError('banned', 'banned'), en)).toBe(MODERATION_STRINGS_EN.banned);
  });

  it('rounds slow mode’s wait up to whole seconds, never to zero', () => {
    expect(refusal(new ChatError('slow_mode', 'slow', 7_200), en)).toBe('Slow mode: wait 8 s.');
    expect(refusal(new ChatError('slow_mode', 'slow', 10), en)).toBe('Slow mode: wait 1 s.');
    expect(refusal(new ChatError('slow_mode', 'slow', 8_000), fr)).toBe('Mode lent : patientez 8 s.');
  });

  it('says why the visitor’s place in the room ended', () => {
    expect(removal('banned', en)).toBe(MODERATION_STRINGS_EN.banned);
    expect(removal('removed', en)).toBe(MODERATION_STRINGS_EN.removedFromRoom);
    expect(removal('private', fr)).toBe('Cette conversation est désormais privée.');
  });

  it('lets a site’s own texts replace the English', () => {
    expect(refusal(new ChatError('flood', 'flood'), { ...en, refusedFlood: 'Easy there.' })).toBe(
      'Easy there.',
    );
  });
});

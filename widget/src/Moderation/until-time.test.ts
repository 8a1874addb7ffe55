import { describe, expect, it } from 'vitest';
import { untilTime } from './until-time.js';

describe('untilTime', () => {
  const now = new Date(2031, 4, 6, 9, 30).getTime();

  it('gives the time alone for later today, in the language’s way', () => {
    const later = new Date(2031, 4, 6, 14, 5).getTime();
    expect(untilTime(later, 'en', now)).toBe('02:05 PM');
    expect(untilTime(later, 'de', now)).toBe('14:05');
  });

  it('adds the date for another day, and the year for another year', () => {
    expect(untilTime(new Date(2031, 4, 7, 14, 5).getTime(), 'en', now)).toMatch(/^May 7.*02:05 PM$/);
    expect(untilTime(new Date(2032, 0, 2, 8, 0).getTime(), 'fr', now)).toMatch(/2 janv\. 2032.*08:00/);
  });
});

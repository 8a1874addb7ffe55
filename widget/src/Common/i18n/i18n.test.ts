import { describe, expect, it } from 'vitest';
import { OFFER_STRINGS_EN } from '../../Auth/account-offer.js';
import { ACCOUNT_STRINGS_EN } from '../../Auth/account-strings.js';
import { MODERATION_STRINGS_EN } from '../../Moderation/moderation-strings.js';
import { de } from './de.js';
import { loadDictionary } from './dictionary.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { LAUNCHER_STRINGS } from './launcher-strings.js';
import { pickLocale } from './locale.js';
import { fill, type Strings } from './strings.js';

describe('i18n', () => {
  it('picks the option first, then the browser languages, then English', () => {
    expect(pickLocale('fr-CA', ['de-DE'])).toBe('fr');
    expect(pickLocale(undefined, ['es', 'de-AT', 'fr'])).toBe('de');
    expect(pickLocale('xx', ['es'])).toBe('en');
  });

  it('lets the site override any text, keeping the rest of the language', async () => {
    const strings = await loadDictionary('fr', { send: 'Go' });
    expect(strings.send).toBe('Go');
    expect(strings.close).toBe('Fermer le chat');
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fill('{a} and {b}', { a: 'Ada' })).toBe('Ada and {b}');
  });

  it('has every text in every language, with the same placeholders as English', async () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
    // English's account texts ship with the account offer (Auth/account-offer.tsx) and the account
    // forms (Auth/account-strings.ts), its moderation texts with the moderation chunk
    // (Moderation/moderation-strings.ts).
    const english = {
      ...en,
      ...OFFER_STRINGS_EN,
      ...ACCOUNT_STRINGS_EN,
      ...MODERATION_STRINGS_EN,
    } as Required<Strings>;
    for (const strings of [fr, de] as Required<Strings>[]) {
      expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort());
      for (const key of Object.keys(english) as (keyof typeof english)[]) {
        expect(placeholders(strings[key]), key).toEqual(placeholders(english[key]));
      }
    }
    for (const [locale, strings] of Object.entries(LAUNCHER_STRINGS)) {
      const full = await loadDictionary(locale as keyof typeof LAUNCHER_STRINGS);
      expect(strings).toEqual({
        openChat: full.openChat,
        minimizeChat: full.minimizeChat,
        unread: full.unread,
      });
    }
  });
});

import { en } from './en.js';
import type { Locale } from './locale.js';
import type { Strings } from './strings.js';

// English ships in the window's chunk (it is also the fallback); other languages are small chunks of
// their own, so a visitor downloads only the one they read.
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<Strings>> = {
  fr: () => import('./fr.js').then((module) => module.fr),
  de: () => import('./de.js').then((module) => module.de),
};

/** The texts for `locale` with the site's `overrides` on top; English fills any gap. */
export async function loadDictionary(locale: Locale, overrides: Partial<Strings> = {}): Promise<Strings> {
  const strings = locale === 'en' ? en : await LOADERS[locale]().catch(() => en);
  return { ...en, ...strings, ...overrides };
}

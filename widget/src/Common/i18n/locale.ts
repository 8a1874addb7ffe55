import { LAUNCHER_STRINGS } from './launcher-strings.js';

/** Languages the widget ships texts for. */
export const LOCALES = ['en', 'fr', 'de'] as const;

/** A language the widget ships texts for. */
export type Locale = (typeof LOCALES)[number];

/**
 * The language to use: `wanted` (an option such as `fr` or `fr-CA`) if we have it, else the visitor's
 * first browser language we have, else English. Matching is on the primary subtag only.
 */
export function pickLocale(wanted?: string, preferred: readonly string[] = navigator.languages): Locale {
  for (const tag of [wanted ?? '', ...preferred]) {
    const primary = tag.toLowerCase().split('-')[0] as Locale;
    // The launcher's table has an entry per language: shorter in the loader than a second list of them.
    if (Object.hasOwn(LAUNCHER_STRINGS, primary)) return primary;
  }
  return 'en';
}

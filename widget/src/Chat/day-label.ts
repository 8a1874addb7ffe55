import type { Strings } from '../Common/i18n/strings.js';

const DAY_MS = 86_400_000;

/** A local calendar day as a sortable number (days since the epoch, in the visitor's time zone). */
export function dayOf(ts: number): number {
  return Math.floor((ts - new Date(ts).getTimezoneOffset() * 60_000) / DAY_MS);
}

// Building an Intl.DateTimeFormat costs far more than using one: one per locale and shape.
const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withYear}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: withYear ? 'numeric' : undefined,
      timeZone: 'UTC',
    });
    formats.set(key, format);
  }
  return format;
}

/** The words of a day separator: Today, Yesterday, or the date (with the year when not this year). */
export function dayLabel(day: number, now: number, strings: Strings, locale: string): string {
  const today = dayOf(now);
  if (day === today) return strings.today;
  if (day === today - 1) return strings.yesterday;
  const date = new Date(day * DAY_MS);
  const sameYear = date.getUTCFullYear() === new Date(now).getFullYear();
  return dateFormat(locale, !sameYear).format(date);
}

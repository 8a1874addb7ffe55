/** When a restriction ends, in the dictionary's language: the time if today, else the date and time. */
export function untilTime(until: number, lang: string, now = Date.now()): string {
  const end = new Date(until);
  const today = new Date(now);
  return new Intl.DateTimeFormat(lang, {
    ...(end.toDateString() !== today.toDateString() && { month: 'short', day: 'numeric' }),
    ...(end.getFullYear() !== today.getFullYear() && { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(end);
}

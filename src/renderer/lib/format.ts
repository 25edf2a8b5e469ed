/**
 * Dates and times as the user's system writes them (docs/ux.md, "Dates"): one date format and
 * one time format everywhere, both from the system locale through Intl.DateTimeFormat; files
 * and the store keep ISO 8601. Tests pass the locale; the app uses the system's.
 */

/** The system locale the renderer runs under (Chromium's navigator.language). */
export function systemLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language !== '' ? navigator.language : 'en-GB';
}

const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

function valid(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar day ("2025-08-25", a meeting date) in the one date format; not valid: as given. */
export function formatDay(isoDay: string, locale = systemLocale()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (match === null) return isoDay;
  // the day itself, not midnight UTC shifted into the local zone
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? isoDay : new Intl.DateTimeFormat(locale, DATE).format(date);
}

/** A moment in the one date-and-time format. */
export function formatDateTime(iso: string, locale = systemLocale()): string {
  const date = valid(iso);
  return date === null ? iso : new Intl.DateTimeFormat(locale, { ...DATE, ...TIME }).format(date);
}

/** A list's "when": the time alone today, else the day, both in the one format. */
export function formatWhen(iso: string, now = new Date(), locale = systemLocale()): string {
  const date = valid(iso);
  if (date === null) return iso;
  if (date.toDateString() === now.toDateString()) return new Intl.DateTimeFormat(locale, TIME).format(date);
  return new Intl.DateTimeFormat(locale, DATE).format(date);
}

/** The time of a save, to the second ("Saved 14:02:31"). */
export function formatTime(date: Date, locale = systemLocale()): string {
  return new Intl.DateTimeFormat(locale, { ...TIME, second: '2-digit' }).format(date);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

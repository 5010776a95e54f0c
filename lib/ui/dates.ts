/**
 * The one way dates are shown: the browser's UI language through Intl ("3 Nov 2026", "3 Nov
 * 2026, 14:05" in en-GB, "3 nov. 2026" in fr), so every screen and message writes a day the
 * same way, in the language of the sentence around it.
 */
import { uiLanguage } from '../i18n';

const formats = new Map<string, Intl.DateTimeFormat>();

export interface DateFormatOptions {
  /** With the time of day, where a day alone is not enough (deleted, an invite's expiry). */
  time?: boolean;
  /** Tests pin these; screens use the UI language and the browser's time zone. */
  locale?: string;
  timeZone?: string;
}

export function formatDate(
  ms: number,
  { time = false, locale = uiLanguage(), timeZone }: DateFormatOptions = {},
) {
  const key = `${time}|${locale}|${timeZone ?? ''}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      ...(time ? { timeStyle: 'short' } : {}),
      timeZone,
    });
    formats.set(key, format);
  }
  return format.format(ms);
}

const relative = new Map<string, Intl.RelativeTimeFormat>();
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * How long ago, in the largest whole unit ("2 months ago", "yesterday"); under a minute is
 * "now". For signals whose age matters more than their day ("Verified by Ana · 2 months ago").
 */
export function formatAgo(
  ms: number,
  now: number,
  { locale = uiLanguage() }: { locale?: string } = {},
): string {
  let format = relative.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relative.set(locale, format);
  }
  const elapsed = Math.max(0, now - ms);
  const [unit, size] = UNITS.find(([, size]) => elapsed >= size) ?? ['second', 1_000];
  return format.format(unit === 'second' ? 0 : -Math.floor(elapsed / size), unit);
}

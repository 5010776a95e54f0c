/**
 * The one way dates are shown: the browser's locale through Intl ("3 Nov 2026", "3 Nov 2026,
 * 14:05" in en-GB), so every screen and message writes a day the same way.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export interface DateFormatOptions {
  /** With the time of day, where a day alone is not enough (deleted, an invite's expiry). */
  time?: boolean;
  /** Tests pin these; screens use the browser's. */
  locale?: string;
  timeZone?: string;
}

export function formatDate(ms: number, { time = false, locale, timeZone }: DateFormatOptions = {}) {
  const key = `${time}|${locale ?? ''}|${timeZone ?? ''}`;
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

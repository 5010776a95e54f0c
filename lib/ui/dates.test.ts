import { describe, expect, it } from 'vitest';
import { formatAgo, formatDate } from './dates';

const at = Date.UTC(2026, 10, 3, 14, 5);

describe('formatDate', () => {
  it('writes a day in the locale’s medium style', () => {
    expect(formatDate(at, { locale: 'en-GB', timeZone: 'UTC' })).toBe('3 Nov 2026');
    expect(formatDate(at, { locale: 'en-US', timeZone: 'UTC' })).toBe('Nov 3, 2026');
    expect(formatDate(at, { locale: 'de-DE', timeZone: 'UTC' })).toBe('03.11.2026');
  });

  it('adds the time of day when asked', () => {
    expect(formatDate(at, { time: true, locale: 'en-GB', timeZone: 'UTC' })).toBe(
      '3 Nov 2026, 14:05',
    );
  });

  it('follows the time zone it is given', () => {
    const lateEvening = Date.UTC(2026, 10, 3, 23, 30);
    expect(formatDate(lateEvening, { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe('4 Nov 2026');
  });
});

describe('formatAgo', () => {
  const day = 86_400_000;
  it('says how long ago in the largest whole unit', () => {
    const now = Date.UTC(2026, 10, 3);
    expect(formatAgo(now - 65 * day, now, { locale: 'en' })).toBe('2 months ago');
    expect(formatAgo(now - day, now, { locale: 'en' })).toBe('yesterday');
    expect(formatAgo(now - 3 * 3_600_000, now, { locale: 'en' })).toBe('3 hours ago');
    expect(formatAgo(now - 10_000, now, { locale: 'en' })).toBe('now');
    // A clock a little behind the mark's writer is not "in the future".
    expect(formatAgo(now + 5_000, now, { locale: 'en' })).toBe('now');
  });
});

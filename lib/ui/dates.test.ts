import { describe, expect, it } from 'vitest';
import { formatDate } from './dates';

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

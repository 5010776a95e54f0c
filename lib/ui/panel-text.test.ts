import { describe, expect, it } from 'vitest';
import { clippedLine, shortDate } from './panel-text';

const now = new Date(2026, 11, 2, 12).getTime();
const nov3 = new Date(2026, 10, 3, 9).getTime();
const day = (at: number) => new Intl.DateTimeFormat(undefined, { day: 'numeric' }).format(at);

describe('the panel says who clipped this page and when', () => {
  it('names the author and the day', () => {
    const line = clippedLine({ kind: 'page', author: 'Ana', createdAt: nov3 }, now);
    expect(line).toMatch(/^Clipped by Ana on /);
    expect(line).toContain(day(nov3));
  });

  it('says a snippet is one, and leaves out an unknown author', () => {
    expect(clippedLine({ kind: 'snippet', author: null, createdAt: nov3 }, now)).toMatch(
      /^A snippet clipped on /,
    );
  });

  it('gives the year only when it is not this year', () => {
    expect(shortDate(nov3, now)).not.toContain('2026');
    expect(shortDate(new Date(2024, 10, 3).getTime(), now)).toContain('2024');
  });
});

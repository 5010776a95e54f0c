import { describe, expect, it } from 'vitest';
import { badgeText } from './badge';

describe('the badge text', () => {
  it('counts tips, and adds "!" while an answer waits to be told', () => {
    expect(badgeText(0, false)).toBe('');
    expect(badgeText(2, false)).toBe('2');
    expect(badgeText(2, true)).toBe('2!');
    expect(badgeText(0, true)).toBe('!');
  });
});

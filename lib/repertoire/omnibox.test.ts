import { describe as suite, expect, it } from 'vitest';
import type { SearchResult } from '../search';
import { describe } from './omnibox';

const result = (title: string, marks: [number, number][]): SearchResult => ({
  id: 'x',
  kind: 'tip',
  score: 1,
  title,
  url: null,
  snippet: '',
  terms: [],
  highlights: { title: marks, snippet: [] },
});

suite('omnibox suggestions', () => {
  it('escapes titles for Chrome and marks what matched', () => {
    expect(describe(result('Use <tar> & gzip', [[5, 8]]), true)).toBe(
      'Use &#60;<match>tar</match>&#62; &#38; gzip <dim>— Tip</dim>',
    );
  });

  it('gives Firefox plain text', () => {
    expect(describe(result('Use <tar> & gzip', [[5, 8]]), false)).toBe('Use <tar> & gzip — Tip');
  });
});

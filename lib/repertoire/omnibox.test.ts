import { JSDOM } from 'jsdom';
import { describe as suite, expect, it } from 'vitest';
import { xssPayloads } from '../../test/fixtures/xss-payloads';
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

  it('keeps every payload of the hostile corpus text: only <match> and <dim> are markup', () => {
    const parser = new new JSDOM().window.DOMParser();
    const payloads = xssPayloads((n) => `http://127.0.0.1:9/beacon/${n}`);
    const failures: string[] = [];
    for (const { id, value } of payloads) {
      // A highlight in the middle of the payload, as a query for part of it would give.
      const mid = Math.floor(value.length / 2);
      const xml = describe(result(value, [[mid, Math.min(value.length, mid + 3)]]), true);
      const doc = parser.parseFromString(`<root>${xml}</root>`, 'text/xml');
      const names = [...doc.documentElement.querySelectorAll('*')].map((e) => e.localName);
      if (names.some((n) => n !== 'match' && n !== 'dim')) failures.push(`#${id}: ${names.join()}`);
      // eslint-disable-next-line no-control-regex
      const shown = value.replace(/[\u0000-\u0008]/g, '');
      if (doc.documentElement.textContent !== `${shown} — Tip`)
        failures.push(`#${id}: text changed`);
    }
    expect(payloads.length).toBeGreaterThanOrEqual(100);
    expect(failures).toEqual([]);
  });
});

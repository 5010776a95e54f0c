/**
 * The capture pipeline against the real pages of Readability's own test suite: the metadata we
 * keep must match what Readability is expected to extract, page by page, and every one of them is
 * an article: none may be refused as a page with no article (lib/capture/extract-article.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/capture/extract-article';
import { isFailure } from '../../lib/capture';
import { readabilityPagesDir } from '../support/corpus';

interface ExpectedMetadata {
  title: string | null;
  byline: string | null;
  excerpt?: string | null;
  siteName: string | null;
}

const FIELDS = ['title', 'byline', 'excerpt', 'siteName'] as const;
// Readability's own tests load every page at this address.
const PAGE_URL = 'http://fakehost/test/page.html';

describe('capture against the Readability corpus', () => {
  const dir = readabilityPagesDir();
  const pages = readdirSync(dir).sort();

  // Slow on a busy machine (36 s idle, minutes under load), so the page loop yields after each page:
  // a worker that never yields misses the test runner's messages and the run fails.
  it('matches expected metadata on at least 95% of pages for every field, and refuses none', async () => {
    const matches = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<
      (typeof FIELDS)[number],
      number
    >;
    const misses: string[] = [];
    const refused: string[] = [];
    for (const page of pages) {
      const source = readFileSync(join(dir, page, 'source.html'), 'utf8');
      const expected = JSON.parse(
        readFileSync(join(dir, page, 'expected-metadata.json'), 'utf8'),
      ) as ExpectedMetadata;
      const dom = new JSDOM(source, { url: PAGE_URL, virtualConsole: new VirtualConsole() });
      const result = extractArticle(
        dom.window.document,
        PAGE_URL,
        dom.window as unknown as Window & typeof globalThis,
      );
      dom.window.close();
      if (isFailure(result)) refused.push(page);
      await new Promise((ready) => setImmediate(ready));
      for (const field of FIELDS) {
        const want = expected[field] ?? null;
        const got = isFailure(result) ? undefined : result[field];
        if (got === want) matches[field]++;
        else
          misses.push(`${page}.${field}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
    const rates = Object.fromEntries(
      FIELDS.map((f) => [f, Math.round((matches[f] / pages.length) * 1000) / 10]),
    );
    console.log(`capture metadata match rate over ${pages.length} pages (%):`, rates);
    if (misses.length) console.log(misses.slice(0, 20).join('\n'));
    expect(pages.length).toBeGreaterThan(90);
    expect(refused).toEqual([]);
    for (const field of FIELDS) expect(matches[field] / pages.length).toBeGreaterThanOrEqual(0.95);
  }, 900_000);
});

/**
 * False positives of the secret scan on real pages: every page of Readability's test corpus,
 * as a clip of it would share it (metadata, article HTML and its text).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mask, scanFields, type Finding } from '../../lib/secrets';
import { corpusPage, readabilityPagesDir } from '../support/corpus';

describe('secret scan on the Readability corpus', () => {
  it('flags no key, token or password but the one bearer token in an example request', async () => {
    const dir = readabilityPagesDir();
    const pages = readdirSync(dir).sort();
    const found: (Finding & { page: string })[] = [];
    for (const page of pages) {
      const { html, text, meta } = corpusPage(page);
      const fields = {
        title: meta.title,
        byline: meta.byline,
        excerpt: meta.excerpt,
        siteName: meta.siteName,
        html,
        text,
      };
      for (const finding of await scanFields(fields)) found.push({ ...finding, page });
    }
    console.log(
      `${pages.length} pages; findings:\n` +
        found.map((f) => `  ${f.page}.${f.field}: ${f.label} ${mask(f.match)}`).join('\n'),
    );
    expect(pages.length).toBeGreaterThan(90);
    // ietf-1 is an IETF draft whose example HTTP request carries "Authorization: Bearer j2Yn…":
    // a credential as the page shows it, rightly caught. Nothing else may read as a secret.
    expect(found.filter((f) => f.kind === 'secret').map((f) => `${f.page}: ${f.label}`)).toEqual([
      'ietf-1: Authorization header',
    ]);
  });
});

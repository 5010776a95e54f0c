/**
 * A one-word query skips the expansions that cannot reach its running top (lib/search scoreWord).
 * That must never change what is shown: over the tldr tips, each word being typed gives the same
 * first page, with the same scores, as a query for more results than are ever pruned.
 */
import { describe, expect, it } from 'vitest';
import { loadTldrTips } from '../../bench/relevance';
import { createMemoryStore, createSearchIndex } from '../../lib/search';

/** Beyond the pruned limit (20), so nothing is skipped: the reference. */
const UNPRUNED = 40;

describe('search: skipping expansions of a one-word query', () => {
  it('shows the same first page as scoring every expansion', async () => {
    const tips = loadTldrTips();
    const index = await createSearchIndex(createMemoryStore());
    await index.upsert(tips);
    // Every prefix of the words that open titles, as a member types them, and the words finished.
    const words = [...new Set(tips.map((t) => t.title.toLowerCase().split(/\W+/)[0] ?? ''))]
      .filter((w) => w.length >= 2)
      .slice(0, 150);
    const queries = new Set<string>();
    for (const w of words) {
      for (let n = 1; n <= Math.min(w.length, 5); n++) queries.add(w.slice(0, n));
      queries.add(`${w} `);
    }
    let pruned = 0;
    for (const q of queries) {
      const page = await index.search(q, { limit: 10 });
      const all = (await index.search(q, { limit: UNPRUNED })).slice(0, 10);
      expect(
        page.map((r) => [r.id, r.score]),
        q,
      ).toEqual(all.map((r) => [r.id, r.score]));
      if (page.length === 10) pruned++;
    }
    // Many of these queries fill a page, so the skipping was exercised.
    expect(pruned).toBeGreaterThan(queries.size / 3);
  }, 60_000);
});

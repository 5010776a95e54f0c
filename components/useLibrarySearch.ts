import { useEffect, useState } from 'preact/hooks';
import type { LibraryFilters } from '@/lib/library';
import type { Range, SearchIndex } from '@/lib/search';

/** The search's cap on results: the library lists at most this many matches of a query. */
export const SEARCH_LIMIT = 200;

export interface LibrarySearch {
  /** Ids of matches, best first; null without a query. */
  ranked: string[] | null;
  /** Parts of each match's title the query matched. */
  marks: ReadonlyMap<string, readonly Range[]>;
  /** A search for the current query is still running. */
  searching: boolean;
  /** The index could not be read: the list shows no matches, and the page says why. */
  failed: boolean;
}

const NO_SEARCH: LibrarySearch = {
  ranked: null,
  marks: new Map(),
  searching: false,
  failed: false,
};

/**
 * The query run through the persisted search index (lib/search), with the filters it knows
 * (kind, tag, author, community) so its cap applies to matching items; the library applies
 * the rest (tool, dates) to what comes back.
 */
export function useLibrarySearch(
  index: SearchIndex | null,
  query: string,
  filters: LibraryFilters,
): LibrarySearch {
  const [found, setFound] = useState<LibrarySearch>(NO_SEARCH);
  const q = query.trim();
  const { kind, tag, author, community } = filters;
  useEffect(() => {
    if (!index || !q) return setFound(NO_SEARCH);
    let current = true;
    setFound((last) => ({ ...last, searching: true }));
    const known = {
      ...(kind ? { kind } : {}),
      ...(tag ? { tag } : {}),
      ...(author ? { author } : {}),
      ...(community ? { community } : {}),
    };
    void index.search(q, { filters: known, limit: SEARCH_LIMIT }).then(
      (results) =>
        current &&
        setFound({
          ranked: results.map((r) => r.id),
          marks: new Map(results.map((r) => [r.id, r.highlights.title])),
          searching: false,
          failed: false,
        }),
      () => current && setFound({ ...NO_SEARCH, ranked: [], failed: true }),
    );
    return () => {
      current = false;
    };
  }, [index, q, kind, tag, author, community]);
  return found;
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SearchIndex } from '@/lib/search';
import { hostOf } from '@/lib/ui';
import type { Item } from '@/lib/wire';
import type { Entry } from '../ResultList';

const RESULT_LIMIT = 50;

const recentEntry = (item: Item): Entry => ({
  id: item.id,
  kind: item.kind,
  title: item.title,
  detail: [item.siteName ?? hostOf(item.url), ...item.tags.map((t) => `#${t}`)]
    .filter(Boolean)
    .join(' · '),
});

interface Options {
  index: SearchIndex | undefined;
  community: string | null;
  /** With one community every indexed item is in it: the filter would only cost time. */
  filtered: boolean;
  recent: Item[] | null;
  /** Changes when the index was read again (after a write or a sync): search again. */
  generation: number;
  initialQuery: string;
}

/** The query, its results (null while searching), and what the list shows: results or recent items. */
export function useSearch({
  index,
  community,
  filtered,
  recent,
  generation,
  initialQuery,
}: Options) {
  const [query, setQuery] = useState(initialQuery);
  const [found, setFound] = useState<{ query: string; entries: Entry[] } | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!index || !community || !q) return setFound(null);
    let current = true;
    const filters = filtered ? { community } : undefined;
    void index.search(q, { filters, limit: RESULT_LIMIT }).then((results) => {
      if (!current) return;
      setFound({
        query: q,
        entries: results.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          detail: r.snippet.slice(0, 120) || hostOf(r.url),
          marks: r.highlights.title,
        })),
      });
    });
    return () => {
      current = false;
    };
  }, [index, community, filtered, query, generation]);

  const entries = useMemo(
    () => (query.trim() ? (found?.entries ?? []) : (recent ?? []).map(recentEntry)),
    [query, found, recent],
  );
  return { query, setQuery, found, entries };
}

export type Search = ReturnType<typeof useSearch>;

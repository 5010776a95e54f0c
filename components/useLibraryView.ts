import { useMemo, useState } from 'preact/hooks';
import type { LibraryFilters, LibrarySort } from '@/lib/library';
import type { ItemKind } from '@/lib/wire';

/** What the member chose to see, as the form holds it ('' is "any"; dates are YYYY-MM-DD). */
export interface LibraryChoices {
  query: string;
  kind: string;
  tag: string;
  author: string;
  community: string;
  tool: string;
  from: string;
  until: string;
  sort: LibrarySort;
}

const NONE: LibraryChoices = {
  query: '',
  kind: '',
  tag: '',
  author: '',
  community: '',
  tool: '',
  from: '',
  until: '',
  sort: 'newest',
};

/** Local midnight of a date input's day (or of the day after), or undefined while there is none. */
function midnight(value: string, dayAfter = false): number | undefined {
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + (dayAfter ? 1 : 0)).getTime();
}

// The kinds, here rather than from lib/wire: its zod schemas would join the page's bundle.
const KINDS: readonly string[] = ['page', 'snippet', 'tip'] satisfies ItemKind[];
const isKind = (value: string): value is ItemKind => KINDS.includes(value);

/** The query, filters and sort of the library, and the filters they make. */
export function useLibraryView(initialQuery = '') {
  const [choices, setChoices] = useState<LibraryChoices>(() =>
    initialQuery ? { ...NONE, query: initialQuery, sort: 'relevance' } : NONE,
  );

  const set = <K extends keyof LibraryChoices>(name: K, value: LibraryChoices[K]) =>
    setChoices((current) => {
      const next = { ...current, [name]: value };
      // Searching ranks by best match unless another order was chosen; clearing the query
      // goes back to newest first.
      if (name === 'query') {
        const searching = (value as string).trim() !== '';
        if (searching && current.sort === 'newest' && !current.query.trim())
          next.sort = 'relevance';
        if (!searching && current.sort === 'relevance') next.sort = 'newest';
      }
      return next;
    });

  const filters = useMemo((): LibraryFilters => {
    // The last day named is included: up to the next midnight.
    const [from, until] = [midnight(choices.from), midnight(choices.until, true)];
    return {
      ...(isKind(choices.kind) ? { kind: choices.kind } : {}),
      ...(choices.tag ? { tag: choices.tag } : {}),
      ...(choices.author ? { author: choices.author } : {}),
      ...(choices.community ? { community: choices.community } : {}),
      ...(choices.tool ? { tool: choices.tool } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(until !== undefined ? { until } : {}),
    };
  }, [choices]);

  /** Clears the filters, keeping the query and the order. */
  const clear = () =>
    setChoices((current) => ({ ...NONE, query: current.query, sort: current.sort }));

  return { choices, filters, filtered: Object.keys(filters).length > 0, set, clear };
}

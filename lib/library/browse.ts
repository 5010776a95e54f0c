import type { ItemKind } from '../wire';
import type { LibraryEntry } from './entry';

/** What the member narrowed the library to; an absent field does not filter. */
export interface LibraryFilters {
  kind?: ItemKind;
  tag?: string;
  author?: string;
  community?: string;
  tool?: string;
  /** Added at or after this time (ms). */
  from?: number;
  /** Added before this time (ms). */
  until?: number;
}

/** `relevance` is the search's own order, only meaningful with a query. */
export const SORTS = ['newest', 'oldest', 'title', 'updated', 'relevance'] as const;
export type LibrarySort = (typeof SORTS)[number];

export interface Facet {
  value: string;
  count: number;
}

/** Values members can filter on, each with how many items carry it, in alphabetical order. */
export interface Facets {
  tag: Facet[];
  author: Facet[];
  community: Facet[];
  tool: Facet[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function facet(counts: Map<string, number>): Facet[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => collator.compare(a.value, b.value));
}

function count(counts: Map<string, number>, values: Iterable<string>) {
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
}

const matches = (entry: LibraryEntry, f: LibraryFilters): boolean =>
  (f.kind === undefined || entry.kind === f.kind) &&
  (f.community === undefined || entry.community === f.community) &&
  (f.author === undefined || entry.author === f.author) &&
  (f.tag === undefined || entry.tags.includes(f.tag)) &&
  (f.tool === undefined || entry.tools.includes(f.tool)) &&
  (f.from === undefined || entry.createdAt >= f.from) &&
  (f.until === undefined || entry.createdAt < f.until);

type Order = Exclude<LibrarySort, 'relevance'>;

const COMPARE: Record<Order, (a: LibraryEntry, b: LibraryEntry) => number> = {
  newest: (a, b) => b.createdAt - a.createdAt || collator.compare(a.title, b.title),
  oldest: (a, b) => a.createdAt - b.createdAt || collator.compare(a.title, b.title),
  title: (a, b) => collator.compare(a.title, b.title) || b.createdAt - a.createdAt,
  updated: (a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt,
};

/**
 * Every item of the library, browsable. Each order is sorted once, the first time it is asked
 * for, and a filter change is then one pass over it: at 50k items a sort with a collator costs
 * tens of milliseconds, a pass a few.
 */
export class Library {
  readonly size: number;
  readonly facets: Facets;
  private readonly sorted = new Map<Order, readonly LibraryEntry[]>();
  private readonly byId: Map<string, LibraryEntry>;

  constructor(private readonly entries: readonly LibraryEntry[]) {
    this.size = entries.length;
    this.byId = new Map(entries.map((e) => [e.id, e]));
    const tag = new Map<string, number>();
    const author = new Map<string, number>();
    const community = new Map<string, number>();
    const tool = new Map<string, number>();
    for (const entry of entries) {
      count(tag, entry.tags);
      count(tool, entry.tools);
      count(community, [entry.community]);
      if (entry.author) count(author, [entry.author]);
    }
    this.facets = {
      tag: facet(tag),
      author: facet(author),
      community: facet(community),
      tool: facet(tool),
    };
  }

  get(id: string): LibraryEntry | undefined {
    return this.byId.get(id);
  }

  /** The library with `entry` in place of the one with its id (an item just edited). */
  /**
   * These entries in their new state (an edit here), and those not listed yet added (another
   * member's, live); a new Library, the old one unchanged.
   */
  upsert(entries: readonly LibraryEntry[]): Library {
    const next = new Map(entries.map((e) => [e.id, e]));
    const kept = this.entries.map((e) => next.get(e.id) ?? e);
    return new Library([...kept, ...entries.filter((e) => !this.byId.has(e.id))]);
  }

  private inOrder(order: Order): readonly LibraryEntry[] {
    let list = this.sorted.get(order);
    if (!list) {
      list = [...this.entries].sort(COMPARE[order]);
      this.sorted.set(order, list);
    }
    return list;
  }

  /**
   * The entries that pass `filters`, in `sort` order. `ranked` (ids, best first) limits them to
   * a search's results; with `relevance` they keep its order.
   */
  browse(filters: LibraryFilters, sort: LibrarySort, ranked?: readonly string[]): LibraryEntry[] {
    if (ranked) {
      const hits = ranked.flatMap((id) => {
        const entry = this.byId.get(id);
        return entry && matches(entry, filters) ? [entry] : [];
      });
      return sort === 'relevance' ? hits : hits.sort(COMPARE[sort]);
    }
    return this.inOrder(sort === 'relevance' ? 'newest' : sort).filter((e) => matches(e, filters));
  }
}

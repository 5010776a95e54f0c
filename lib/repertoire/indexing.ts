/**
 * Keeps the search index in step with stored items. Writes queue item ids in the same
 * transaction as the item (lib/db); this drains the queue into the index. Only the background
 * runs it, so the index has one writer; a crash mid-drain leaves the queue to drain again.
 */
import type { IndexingProgress } from '../messaging';
import type { Item } from '../wire';
import {
  acknowledgeSearchQueue,
  countItems,
  peekSearchQueue,
  queueAllForSearch,
  queuedIdCount,
  searchStore,
  type RepertoireDb,
} from '../db';
import {
  createSearchIndex,
  type SearchIndex,
  type SearchOptions,
  type SearchResult,
} from '../search';

// Large batches amortise rewriting the index segments a batch touches (a sync brings thousands):
// 50,000 tips index in ~15 s in batches of 10,000, ~40 s in 2,000s, ~90 s in 500s (Chromium).
// The text cap keeps a batch of clipped pages from holding hundreds of MB at once.
const BATCH = 10_000;
const BATCH_CHARS = 32_000_000;

/**
 * Lets the e2e build stop indexing part-way (lib/repertoire/settings.ts, `indexingBudget`), so
 * that tests see a run half done; nowhere else is indexing limited.
 */
export interface IndexingBudget {
  /** How many item ids the next batch may take, of `wanted`; waits while it may take none. */
  allow(wanted: number): Promise<number>;
  /** The batch took `ids`. */
  spend(ids: number): Promise<void>;
}

export interface Indexer {
  drain(): Promise<number>;
  /** The run of indexing under way, null when everything is searchable. */
  progress(): IndexingProgress | null;
  /** Hears each change of `progress()`; returns the unsubscribe function. */
  subscribe(listener: (progress: IndexingProgress | null) => void): () => void;
  /** Opens the index now: an index left in an older stored format is then queued anew. */
  open(): Promise<void>;
  /** Searches with the writer's own index, so it sees every write drained so far. */
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
}

/**
 * `onIndexed` hears about every drained batch, and the batch leaves the queue once it is done:
 * other indexes (related tips) follow the same writes, and a stop in between loses none.
 */
export function createIndexer(
  db: RepertoireDb,
  onIndexed: (items: readonly Item[], removedIds: readonly string[]) => Promise<void> = () =>
    Promise.resolve(),
  { batch = BATCH, budget }: { batch?: number; budget?: IndexingBudget } = {},
): Indexer {
  let index: Promise<SearchIndex> | undefined;
  const open = async (): Promise<SearchIndex> => {
    const opened = await createSearchIndex(searchStore(db));
    // An index in an older stored format opens empty: if items exist beyond those already queued,
    // everything is queued to be indexed again.
    if (opened.size === 0) {
      const [items, queued] = await Promise.all([countItems(db), queuedIdCount(db)]);
      if (items > queued) await queueAllForSearch(db);
    }
    return opened;
  };
  let running: Promise<number> = Promise.resolve(0);
  // A drain asked for while another runs, not started yet: later calls share it, since it
  // indexes whatever is queued when it starts (a burst of writes asks once per write).
  let next: Promise<number> | undefined;
  let progress: IndexingProgress | null = null;
  const listeners = new Set<(progress: IndexingProgress | null) => void>();
  const tell = (now: IndexingProgress | null) => {
    if (now?.indexed === progress?.indexed && now?.total === progress?.total) return;
    progress = now;
    for (const listener of listeners) listener(now);
  };

  async function drainOnce(): Promise<number> {
    next = undefined;
    let total = 0;
    for (;;) {
      let peeked = await peekSearchQueue(db, batch, BATCH_CHARS);
      if (peeked.keys.length === 0) {
        if (progress) tell(null);
        return total;
      }
      const indexed = progress?.indexed ?? 0;
      tell({ indexed, total: indexed + peeked.queued });
      if (budget) {
        // Told first: a test stopped here sees what waits.
        const limit = await budget.allow(peeked.ids);
        if (limit < peeked.ids) peeked = await peekSearchQueue(db, limit, BATCH_CHARS);
        await budget.spend(peeked.ids);
      }
      const { keys, items, missing, ids, queued } = peeked;
      // Opened only for work: a service worker that starts with nothing queued (most starts)
      // does not read the index's records beside its first navigation's.
      const search = await (index ??= open());
      await search.upsert(items);
      if (missing.length > 0) await search.remove(missing);
      await onIndexed(items, missing);
      await acknowledgeSearchQueue(db, keys);
      total += ids;
      tell({ indexed: indexed + ids, total: indexed + queued });
    }
  }

  return {
    /** Indexes everything queued; calls are serialized so drains never interleave. */
    drain() {
      next ??= running = running.then(drainOnce, drainOnce).catch((error: unknown) => {
        // What failed stays queued for the next drain; no progress is shown meanwhile.
        if (progress) tell(null);
        throw error;
      });
      return next;
    },
    progress: () => progress,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async open() {
      await (index ??= open());
    },
    async search(query, options) {
      return (await (index ??= open())).search(query, options);
    },
  };
}

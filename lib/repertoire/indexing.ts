/**
 * Keeps the search index in step with stored items. Writes queue item ids in the same
 * transaction as the item (lib/db); this drains the queue into the index. Only the background
 * runs it, so the index has one writer; a crash mid-drain leaves the queue to drain again.
 */
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

export interface Indexer {
  drain(): Promise<number>;
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

  async function drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const { keys, items, missing, ids } = await peekSearchQueue(db, BATCH, BATCH_CHARS);
      if (keys.length === 0) return total;
      // Opened only for work: a service worker that starts with nothing queued (most starts)
      // does not read the index's records beside its first navigation's.
      const search = await (index ??= open());
      await search.upsert(items);
      if (missing.length > 0) await search.remove(missing);
      await onIndexed(items, missing);
      await acknowledgeSearchQueue(db, keys);
      total += ids;
    }
  }

  return {
    /** Indexes everything queued; calls are serialized so drains never interleave. */
    drain() {
      running = running.then(drainOnce, drainOnce);
      return running;
    },
    async open() {
      await (index ??= open());
    },
    async search(query, options) {
      return (await (index ??= open())).search(query, options);
    },
  };
}

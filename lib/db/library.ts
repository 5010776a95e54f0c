/**
 * The library page's read: what is kept of every live item, in every community (lib/library).
 * Part of the storage module; it reads the stores as lib/db's other reads do, so an item is
 * seen where it currently lives (a local item, a pending view, or its newest server copy).
 */
import { toEntry, type LibraryEntry } from '../library';
import type { RepertoireDb } from '.';

/** Records per request: each request costs ~0.1 ms, each record's clone far more for pages. */
const CHUNK = 1_000;
/** Server pages per request: each holds up to 500 copies. */
const PAGES = 4;

/**
 * Reads in short transactions of one request each, so the page keeps painting (and `onProgress`
 * can say how far it got) while 50,000 items are read; only each item's entry is kept, never
 * its body. IndexedDB cannot read part of a record, so bodies are cloned and dropped chunk by
 * chunk, never all held at once.
 */
export async function readLibrary(
  db: RepertoireDb,
  onProgress?: (read: number) => void,
): Promise<LibraryEntry[]> {
  // An id maps to null once its current copy is a tombstone: a later copy decides.
  const seen = new Map<string, LibraryEntry | null>();
  const take = (item: Parameters<typeof toEntry>[0]) =>
    seen.set(item.id, item.deletedAt === null ? toEntry(item) : null);

  // Pages in key order ([community, pull cursor]): a newer page's copy replaces an older one.
  const pageKeys = await db.getAllKeys('serverPages');
  for (let at = 0; at < pageKeys.length; at += PAGES) {
    const tx = db.transaction('serverPages');
    const pages = await Promise.all(pageKeys.slice(at, at + PAGES).map((k) => tx.store.get(k)));
    for (const page of pages) for (const { item } of page?.copies ?? []) take(item);
    onProgress?.(seen.size);
  }
  // A pending view hides the server copy.
  for (const view of await db.getAll('views')) take(view.item);
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const items = await db.getAll('items', range, CHUNK);
    for (const item of items) take(item);
    onProgress?.(seen.size);
    const last = items.at(-1);
    if (!last || items.length < CHUNK) break;
    after = last.id;
  }
  return [...seen.values()].filter((entry) => entry !== null);
}

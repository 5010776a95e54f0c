/**
 * The `related` store: the persisted related-tips index (lib/related/persisted.ts) and how it is
 * built from the stored items, at the v4 → v5 upgrade or when its layout changes. Part of the
 * storage module; lib/related sees it only through RelatedStore.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { entryOf, relatedRecords, type RelatedEntry, type RelatedStore } from '../related';
import type { Item } from '../wire';
import type { RepertoireDb, RepertoireSchema } from './schema';

type BuildTx = IDBPTransaction<
  RepertoireSchema,
  ArrayLike<StoreNames<RepertoireSchema>>,
  'readwrite' | 'versionchange'
>;

/**
 * Writes the index of every stored item into an empty `related` store. Server pages are read one
 * at a time, in key order, so a newer page's copy replaces a superseded one and only one page's
 * bodies are in memory at once; pending views and local items come last, as reads see them.
 * Only IndexedDB requests are awaited, so it can run inside the upgrade transaction.
 */
export async function buildRelated(tx: BuildTx): Promise<void> {
  const entries = new Map<string, RelatedEntry>();
  const take = (item: Item) => {
    const entry = entryOf(item);
    if (entry) entries.set(item.id, entry);
    else entries.delete(item.id);
  };
  let page = await tx.objectStore('serverPages').openCursor();
  for (; page; page = await page.continue()) for (const { item } of page.value.copies) take(item);
  for (const view of await tx.objectStore('views').getAll()) take(view.item);
  let local = await tx.objectStore('items').openCursor();
  for (; local; local = await local.continue()) take(local.value);
  const store = tx.objectStore('related');
  for (const [key, record] of relatedRecords(entries.values())) void store.put(record, key);
}

/** Builds the index anew: its stored layout is another version's. */
export async function rebuildRelated(db: RepertoireDb): Promise<void> {
  const tx = db.transaction(['serverPages', 'views', 'items', 'related'], 'readwrite');
  void tx.objectStore('related').clear();
  await buildRelated(tx);
  await tx.done;
}

/** lib/related's persistence, over the `related` store. */
export function relatedStore(db: RepertoireDb): RelatedStore {
  return {
    async get(keys) {
      const tx = db.transaction('related');
      return Promise.all(keys.map((key) => tx.store.get(key)));
    },
    async withPrefix(prefix) {
      return db.getAll('related', IDBKeyRange.bound(prefix, `${prefix}\uffff`));
    },
    async put(records) {
      const tx = db.transaction('related', 'readwrite');
      for (const [key, record] of records) {
        void (record === null ? tx.store.delete(key) : tx.store.put(record, key));
      }
      await tx.done;
    },
  };
}

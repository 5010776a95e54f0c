/**
 * The search queue: ids of items written but not yet indexed, drained by the background into
 * the search and related-tips indexes; and lib/search's persistence.
 */
import type { SearchStore } from '../search/store';
import type { Item } from '../wire';
import { pageKeyId, type PageKey } from './pages';
import { copiesIn, lookup, SEEN_STORES } from './reads';
import { idsOf, type QueuedIds, type RepertoireDb } from './schema';
import { write } from './writes';

/**
 * Queued entries holding up to about `limit` item ids, with the queue keys to acknowledge once
 * they are indexed; `ids` is how many ids they hold, `queued` how many the whole queue holds,
 * these included. Entries are taken whole, the first always.
 */
export async function peekSearchQueue(
  db: RepertoireDb,
  limit: number,
  /** Stop adding items once their text passes this many characters (pages can be large). */
  maxChars = Infinity,
): Promise<{ keys: number[]; items: Item[]; missing: string[]; ids: number; queued: number }> {
  const tx = db.transaction(['searchQueue', ...SEEN_STORES]);
  const queue = tx.objectStore('searchQueue');
  const [keys, entries] = await Promise.all([
    queue.getAllKeys(null, limit),
    queue.getAll(null, limit),
  ]);
  // Nothing queued (every service-worker start drains): no need to read the pending views.
  if (keys.length === 0) return { keys: [], items: [], missing: [], ids: 0, queued: 0 };
  const batch: { key: number; ids: string[] }[] = [];
  const pages = new Map<string, PageKey>();
  let wanted = 0;
  for (const [i, key] of keys.entries()) {
    if (batch.length > 0 && wanted >= limit) break;
    const entry = entries[i] ?? [];
    if (typeof entry === 'object' && 'page' in entry) pages.set(pageKeyId(entry.page), entry.page);
    batch.push({ key, ids: idsOf(entry) });
    wanted += idsOf(entry).length;
  }
  // Pulled pages are read whole, with every pending view (few); what they no longer hold (moved
  // to a later page, or gone) and local writes are looked up one by one.
  const last = keys.at(-1) ?? 0;
  const [copies, views, beyond] = await Promise.all([
    copiesIn(tx, [...pages.values()]),
    tx.objectStore('views').getAll(),
    // Only a queue longer than `limit` entries (thousands of single writes) is read further.
    keys.length < limit ? [] : queue.getAll(IDBKeyRange.lowerBound(last, true)),
  ]);
  const seen = new Map<string, Item>();
  for (const [id, copy] of copies) seen.set(id, copy.item);
  for (const view of views) seen.set(view.item.id, view.item);
  const rest = batch.flatMap((entry) => entry.ids).filter((id) => !seen.has(id));
  for (const [id, found] of await lookup(tx, rest)) seen.set(id, found.item);
  // The text budget cuts whole entries off the end.
  const taken: number[] = [];
  const items = new Map<string, Item>();
  const missing = new Set<string>();
  let chars = 0;
  let count = 0;
  for (const entry of batch) {
    if (taken.length > 0 && chars > maxChars) break;
    taken.push(entry.key);
    count += entry.ids.length;
    for (const id of entry.ids) {
      const item = seen.get(id);
      if (!item) missing.add(id);
      else if (!items.has(id)) {
        items.set(id, item);
        chars += textSize(item);
      }
    }
  }
  const queued = [...entries, ...beyond].reduce((n: number, entry) => n + idsOf(entry).length, 0);
  return { keys: taken, items: [...items.values()], missing: [...missing], ids: count, queued };
}

/** How many item ids wait in the queue. */
export async function queuedIdCount(db: RepertoireDb): Promise<number> {
  return (await db.getAll('searchQueue')).reduce((n, entry) => n + idsOf(entry).length, 0);
}

function textSize(item: Item): number {
  switch (item.kind) {
    case 'page':
      return item.html.length + item.text.length + item.markdown.length;
    case 'snippet':
      return item.quote.length;
    case 'tip':
      return item.body.length;
    case 'question':
      return item.details.length;
    case 'path':
      return item.steps.reduce((n, step) => n + step.note.length, 0);
    case 'stance':
      return item.reason.length;
  }
}

/** Ids per entry when many are queued at once; a pulled page is at most this many. */
export const QUEUE_ENTRY_IDS = 2_000;

/** Queues ids in entries of QUEUE_ENTRY_IDS. */
export function queueIds(queue: { add(value: QueuedIds): unknown }, ids: readonly string[]): void {
  for (let at = 0; at < ids.length; at += QUEUE_ENTRY_IDS) {
    void queue.add(ids.slice(at, at + QUEUE_ENTRY_IDS));
  }
}

/** Queues every item for indexing: after the index was dropped (a new stored format). */
export async function queueAllForSearch(db: RepertoireDb): Promise<number> {
  const tx = db.transaction(['items', 'views', 'serverPages', 'searchQueue'], 'readwrite');
  const queue = tx.objectStore('searchQueue');
  const [local, views, pageKeys] = await Promise.all([
    tx.objectStore('items').getAllKeys(),
    tx.objectStore('views').getAllKeys(),
    tx.objectStore('serverPages').getAllKeys(),
  ]);
  queueIds(queue, [...local, ...views]);
  let count = local.length + views.length;
  for (const page of pageKeys) {
    const held = await tx.objectStore('serverPages').get(page);
    if (!held) continue;
    void queue.add({ page, ids: held.ids });
    count += held.ids.length;
  }
  await tx.done;
  return count;
}

/**
 * Removes exactly the queue entries that were indexed; later writes of the same items stay.
 * `keys` come from peekSearchQueue, which takes entries from the front of the queue, so they are
 * the queue's first keys: one range delete removes them, and no later entry (keys only grow).
 */
export async function acknowledgeSearchQueue(
  db: RepertoireDb,
  keys: readonly number[],
): Promise<void> {
  const [first, last] = [keys[0], keys.at(-1)];
  if (first === undefined || last === undefined) return;
  await db.delete('searchQueue', IDBKeyRange.bound(first, last));
}

/** lib/search's persistence, over the `search` store. */
export function searchStore(db: RepertoireDb): SearchStore {
  return {
    async get(keys) {
      const tx = db.transaction('search');
      return Promise.all(keys.map((key) => tx.store.get(key)));
    },
    put(entries) {
      return write(async () => {
        const tx = db.transaction('search', 'readwrite');
        for (const [key, value] of entries) {
          void (value === null ? tx.store.delete(key) : tx.store.put(value, key));
        }
        await tx.done;
      });
    },
    async clear() {
      await db.clear('search');
    },
  };
}

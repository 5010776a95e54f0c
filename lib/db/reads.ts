/**
 * Reads of items as the member sees them, wherever they live: a local item, a pending view, or
 * the server's copy in a pulled page.
 */
import type { Item, SyncedItem } from '../wire';
import { latestPage, pageKeyId, type PageKey } from './pages';
import type { ItemMeta, RepertoireDb, Tx } from './schema';

/** An item as the member sees it, with what they see beside it when it is shared. */
interface Seen {
  item: Item;
  meta?: ItemMeta;
}

const seenSynced = ({ item, endorsements, marks, conflicts }: SyncedItem): Seen => ({
  item,
  meta: { endorsements, marks: marks ?? [], conflicts },
});

/** Stores an item can live in, as the member sees it; every read goes through these. */
export const SEEN_STORES = ['items', 'views', 'serverPages'] as const;

/**
 * Where each of `ids` lives: a local item, a pending view, or a server copy (a view hides the
 * copy). A few requests per id: for small sets; a pulled page's ids are read with the page.
 */
export async function lookup(tx: Tx, ids: readonly string[]): Promise<Map<string, Seen>> {
  const byItem = tx.objectStore('serverPages').index('by-item');
  const [local, views, pageKeys] = await Promise.all([
    Promise.all(ids.map((id) => tx.objectStore('items').get(id))),
    Promise.all(ids.map((id) => tx.objectStore('views').get(id))),
    Promise.all(ids.map(async (id) => latestPage(await byItem.getAllKeys(id)))),
  ]);
  const wanted = new Map<string, PageKey>();
  for (const key of pageKeys) if (key) wanted.set(pageKeyId(key), key);
  // Pages in key order: a copy from a newer page replaces a superseded one.
  const copies = await copiesIn(tx, [...wanted.values()]);
  const found = new Map<string, Seen>();
  for (const [i, id] of ids.entries()) {
    const item = local[i];
    const view = views[i] ?? copies.get(id);
    if (item) found.set(id, { item });
    else if (view) found.set(id, seenSynced(view));
  }
  return found;
}

/** Every copy held by these pages, by item id; of two copies of an item, the newer page's. */
export async function copiesIn(tx: Tx, keys: readonly PageKey[]): Promise<Map<string, SyncedItem>> {
  const sorted = [...keys].sort((a, b) => a[1] - b[1]);
  const pages = await Promise.all(sorted.map((key) => tx.objectStore('serverPages').get(key)));
  const copies = new Map<string, SyncedItem>();
  for (const page of pages) for (const copy of page?.copies ?? []) copies.set(copy.item.id, copy);
  return copies;
}

export async function getItem(db: RepertoireDb, id: string): Promise<Item | undefined> {
  return (await lookup(db.transaction(SEEN_STORES), [id])).get(id)?.item;
}

export async function getItems(
  db: RepertoireDb,
  ids: readonly string[],
): Promise<(Item | undefined)[]> {
  const found = await lookup(db.transaction(SEEN_STORES), ids);
  return ids.map((id) => found.get(id)?.item);
}

/**
 * Endorsements, marks and conflicts of a shared item, and the member's private note, when there
 * are some.
 */
export async function getItemMeta(db: RepertoireDb, id: string): Promise<ItemMeta | undefined> {
  const tx = db.transaction([...SEEN_STORES, 'privateNotes']);
  const [seen, note] = await Promise.all([
    lookup(tx, [id]),
    tx.objectStore('privateNotes').get(id),
  ]);
  const meta = seen.get(id)?.meta;
  if (note) return { endorsements: [], marks: [], conflicts: [], ...meta, privateNote: note.text };
  return meta &&
    (meta.endorsements.length > 0 || meta.marks.length > 0 || meta.conflicts.length > 0)
    ? meta
    : undefined;
}

/** Pending views of a community's shared items, by id. */
async function viewsOf(tx: Tx, community: string): Promise<Map<string, SyncedItem>> {
  const views = await tx.objectStore('views').index('by-community').getAll(community);
  return new Map(views.map((view) => [view.item.id, view]));
}

/** Live (not deleted) items of a community clipped from this canonical URL. */
export async function findByCanonicalUrl(
  db: RepertoireDb,
  community: string,
  canonicalUrl: string,
): Promise<Item[]> {
  return (await findByCanonicalUrls(db, community, [canonicalUrl])).get(canonicalUrl) ?? [];
}

/**
 * Live items of a community clipped from each of these canonical URLs, in one transaction (an
 * import asks for hundreds at once). URLs with none are absent from the map.
 */
export async function findByCanonicalUrls(
  db: RepertoireDb,
  community: string,
  canonicalUrls: readonly string[],
): Promise<Map<string, Item[]>> {
  const tx = db.transaction(SEEN_STORES);
  const wanted = new Set(canonicalUrls);
  const [local, views, pages] = await Promise.all([
    Promise.all(
      [...wanted].map((url) => tx.objectStore('items').index('by-canonical-url').getAll(url)),
    ),
    viewsOf(tx, community),
    Promise.all(
      [...wanted].map((url) => tx.objectStore('serverPages').index('by-canonical-url').getAll(url)),
    ),
  ]);
  const found = new Map<string, Item>();
  for (const item of local.flat()) found.set(item.id, item);
  // A page's copy may be superseded (by a newer page, or a view): ask for each item's current one.
  const candidates = new Set(pages.flat().flatMap((page) => page.ids));
  for (const [id, seen] of await lookup(tx, [...candidates])) found.set(id, seen.item);
  for (const { item } of views.values()) found.set(item.id, item);
  const out = new Map<string, Item[]>();
  for (const item of found.values()) {
    if (item.community !== community || item.deletedAt !== null) continue;
    if (item.canonicalUrl === null || !wanted.has(item.canonicalUrl)) continue;
    out.set(item.canonicalUrl, [...(out.get(item.canonicalUrl) ?? []), item]);
  }
  return out;
}

/** Newest live items of a community, newest first. */
export async function recentItems(
  db: RepertoireDb,
  community: string,
  limit: number,
): Promise<Item[]> {
  const tx = db.transaction(SEEN_STORES);
  const views = await viewsOf(tx, community);
  const out: Item[] = [...views.values()]
    .map((view) => view.item)
    .filter((item) => item.deletedAt === null);
  const range = IDBKeyRange.bound([community, -Infinity], [community, Infinity]);
  let local = await tx.objectStore('items').index('by-community-updated').openCursor(range, 'prev');
  for (let n = 0; local && n < limit; local = await local.continue()) {
    if (local.value.deletedAt === null) {
      out.push(local.value);
      n++;
    }
  }
  // Keys only: a page is read once, for the copies it adds, not once per copy. A copy counts
  // only from the newest page holding its item (older ones are superseded, see staleCopies).
  const byItem = tx.objectStore('serverPages').index('by-item');
  const wanted = new Map<string, PageKey>();
  const chosen = new Set<string>();
  let copy = await tx
    .objectStore('serverPages')
    .index('by-community-updated')
    .openKeyCursor(IDBKeyRange.bound([community, -Infinity], [community, Infinity, []]), 'prev');
  for (; copy && chosen.size < limit; copy = await copy.continue()) {
    const [id, page] = [copy.key[2], copy.primaryKey];
    if (views.has(id) || chosen.has(id)) continue;
    if (latestPage(await byItem.getAllKeys(id))?.[1] !== page[1]) continue;
    chosen.add(id);
    wanted.set(pageKeyId(page), page);
  }
  for (const [id, synced] of await copiesIn(tx, [...wanted.values()])) {
    if (chosen.has(id)) out.push(synced.item);
  }
  return out.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, limit);
}

/** How many items are stored, in every community (an item with a pending view counts twice). */
export async function countItems(db: RepertoireDb): Promise<number> {
  const tx = db.transaction([...SEEN_STORES, 'staleCopies']);
  const [local, views, copies, stale] = await Promise.all([
    tx.objectStore('items').count(),
    tx.objectStore('views').count(),
    tx.objectStore('serverPages').index('by-item').count(),
    tx.objectStore('staleCopies').getAll(),
  ]);
  return local + views + copies - stale.reduce((n, page) => n + page.ids.length, 0);
}

/**
 * Deleted items of a community that can still be restored, most recently deleted first: local
 * tombstones, and shared ones the server has not purged. Tombstones have no index of their own,
 * so shared pages are read newest first (deletions are recent changes, so they come early) until
 * `limit` are found; the first copy of an item met is its current one.
 */
export async function deletedItems(
  db: RepertoireDb,
  community: string,
  limit: number,
): Promise<Item[]> {
  const tx = db.transaction(SEEN_STORES);
  const views = await viewsOf(tx, community);
  const found = new Map<string, Item>();
  const met = new Set(views.keys());
  for (const { item } of views.values()) if (item.deletedAt !== null) found.set(item.id, item);
  const range = IDBKeyRange.bound([community, -Infinity], [community, Infinity]);
  const local = tx.objectStore('items').index('by-community-updated');
  for (let at = await local.openCursor(range, 'prev'); at && found.size < limit;) {
    if (at.value.deletedAt !== null) found.set(at.value.id, at.value);
    at = await at.continue();
  }
  const pages = tx.objectStore('serverPages');
  for (let at = await pages.openCursor(range, 'prev'); at && found.size < limit;) {
    for (const { item } of at.value.copies) {
      if (met.has(item.id)) continue;
      met.add(item.id);
      if (item.deletedAt !== null) found.set(item.id, item);
    }
    at = await at.continue();
  }
  return [...found.values()]
    .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0))
    .slice(0, limit);
}

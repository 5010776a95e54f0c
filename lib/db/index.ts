/**
 * The storage module: the only place that imports `idb`. The schema lives in the type system
 * (RepertoireSchema) and every migration lives in the one `upgrade` switch below.
 */
import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { RelatedRecord } from '../related';
import type { SearchRecord, SearchStore } from '../search/store';
import type { SyncState } from '../sync/sync-store';
import type { Endorsement, ConflictRevision, Mutation, Role, SyncedItem } from '../wire/sync';
import type { Community, Item } from '../wire/schemas';
import {
  latestPage,
  migrateSyncedToPages,
  pageKeyId,
  type PageKey,
  type ServerPage,
  type StaleCopies,
} from './pages';
import { buildRelated } from './related';

export const DB_NAME = 'repertoire';
export const DB_VERSION = 5;

export interface RepertoireSchema extends DBSchema {
  communities: { key: string; value: Community };
  /** Items of local communities (Personal). Shared communities' items live in the next two. */
  items: {
    key: string;
    value: Item;
    indexes: {
      /** Newest first within a community: [community, updatedAt]. */
      'by-community-updated': [string, number];
      /** Pages and snippets by the URL they were clipped from, to spot "already clipped". */
      'by-canonical-url': string;
    };
  };
  /**
   * The server's copies of shared items, as pulled: one record per pulled page. A first sync brings tens of thousands of items, and every IndexedDB
   * request costs ~0.1 ms in Chromium; a page costs about what ten items would (its index
   * entries are cheap). The indexes are multiEntry over the page's own lists. Since v4.
   */
  serverPages: {
    key: PageKey;
    value: ServerPage;
    indexes: {
      'by-item': string;
      /** Live copies: [community, updatedAt, itemId]. */
      'by-community-updated': [string, number, string];
      /** Canonical URLs of live copies. */
      'by-canonical-url': string;
    };
  };
  /**
   * Per page: how many copies it holds, and which of them a later page supersedes. A superseded
   * copy stays until half the page is superseded, then the page is rewritten once: taking one
   * item out of a 500-copy page at each change made catching up on 5,000 scattered changes take
   * ~1,000 page rewrites (17 s in Chromium, with a replica of that scheme). Reads take an item's
   * copy from the newest page holding it. Since v4.
   */
  staleCopies: { key: PageKey; value: StaleCopies };
  /**
   * A shared item as the member sees it while their queued mutations change it (a pending edit,
   * an endorsement not yet acknowledged): it hides the server copy until a pull settles it.
   * Since v4.
   */
  views: { key: string; value: SyncedItem; indexes: { 'by-community': string } };
  /** The persisted search index (lib/search): a few thousand small records. Since v2. */
  search: { key: string; value: SearchRecord };
  /**
   * Ids of items written but not yet indexed, added in the same transaction as the item so a
   * crash between the write and the indexing loses nothing: the queue is drained on restart.
   * An entry is one id, the ids of items written together (since v3), or a pulled page's ids
   * with the page that holds them, read in one request (since v4). Since v2.
   */
  searchQueue: { key: number; value: QueuedIds };
  /** Shared communities this browser joined, with the member token. Since v3. */
  memberships: { key: string; value: Membership };
  /** Sync bookkeeping per community (lib/sync). Since v3. */
  syncState: { key: string; value: SyncState };
  /** Local mutations not yet acknowledged by the server: [community, seq]. Since v3. */
  outbox: { key: [string, number]; value: Mutation };
  /**
   * The related-tips index (lib/related/persisted.ts), by the keys a visited URL looks up: a
   * service worker that wakes up reads a few records to match a page, not every item. Since v5.
   */
  related: { key: string; value: RelatedRecord };
}

/** One searchQueue entry: an item id, ids written together, or a pulled page's ids. */
export type QueuedIds = string | string[] | { page: PageKey; ids: string[] };

const idsOf = (entry: QueuedIds): string[] =>
  typeof entry === 'string' ? [entry] : Array.isArray(entry) ? entry : entry.ids;

export interface Membership {
  communityId: string;
  name: string;
  serverUrl: string;
  token: string;
  memberId: string;
  displayName: string;
  role: Role;
  memberCount: number;
  joinedAt: number;
}

/** What the member sees beside a shared item. */
export interface ItemMeta {
  endorsements: Endorsement[];
  conflicts: ConflictRevision[];
}

export type RepertoireDb = IDBPDatabase<RepertoireSchema>;
type Tx = IDBPTransaction<
  RepertoireSchema,
  ArrayLike<StoreNames<RepertoireSchema>>,
  IDBTransactionMode
>;

/** Thrown when the browser refuses a write because storage is full. Nothing was written. */
export class StorageFullError extends Error {
  constructor() {
    super(
      'Your browser has no room left for Repertoire. Free some disk space or delete old clips, then try again. Nothing already stored was lost.',
    );
    this.name = 'StorageFullError';
  }
}

/** `version` below the latest opens a database as an older release left it (migration tests). */
export function openRepertoireDb(name = DB_NAME, version = DB_VERSION): Promise<RepertoireDb> {
  return openDB<RepertoireSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, transaction) {
      // One step per case, from that version to the next, run in order up to the one asked for.
      // Stores a later version dropped are reached untyped: the schema only knows today's.
      const untyped = db as unknown as IDBPDatabase;
      // Steps that move data run one after another: a later one reads what an earlier one wrote.
      let moved: Promise<void> = Promise.resolve();
      for (let step = oldVersion; step < (newVersion ?? DB_VERSION); step++) {
        switch (step) {
          case 0: {
            db.createObjectStore('communities', { keyPath: 'id' });
            const items = db.createObjectStore('items', { keyPath: 'id' });
            items.createIndex('by-community-updated', ['community', 'updatedAt']);
            items.createIndex('by-canonical-url', 'canonicalUrl');
            break;
          }
          case 1: {
            db.createObjectStore('search');
            const queue = db.createObjectStore('searchQueue', { autoIncrement: true });
            // Items stored before search existed get indexed on the next drain.
            void transaction
              .objectStore('items')
              .getAllKeys()
              .then((ids) => Promise.all(ids.map((id) => queue.add(id))));
            break;
          }
          case 2: {
            db.createObjectStore('memberships', { keyPath: 'communityId' });
            db.createObjectStore('syncState');
            untyped.createObjectStore('synced');
            db.createObjectStore('outbox');
            untyped.createObjectStore('itemMeta');
            break;
          }
          case 3: {
            const pages = db.createObjectStore('serverPages');
            pages.createIndex('by-item', 'ids', { multiEntry: true });
            pages.createIndex('by-community-updated', 'recent', { multiEntry: true });
            pages.createIndex('by-canonical-url', 'urls', { multiEntry: true });
            db.createObjectStore('staleCopies');
            db.createObjectStore('views', { keyPath: 'item.id' }).createIndex(
              'by-community',
              'item.community',
            );
            // v3 kept a server copy per item ('synced'), the view of every shared item in
            // 'items' and its endorsements in 'itemMeta': moved here, then those two go.
            moved = moved.then(() =>
              migrateSyncedToPages(
                untyped,
                transaction as unknown as IDBPTransaction<unknown, string[], 'versionchange'>,
              ),
            );
            break;
          }
          case 4: {
            db.createObjectStore('related');
            // The index of what is already stored; later writes reach it through the queue.
            moved = moved.then(() => buildRelated(transaction));
            break;
          }
        }
      }
      // A step that fails leaves the database as it was, at its old version.
      moved.catch(() => transaction.abort());
    },
    blocking(_current, _blocked, event) {
      // A newer version wants to open elsewhere (an updated extension): step aside.
      (event.target as IDBDatabase).close();
    },
  });
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/** Runs a write; a quota failure becomes StorageFullError so the UI can say what to do. */
async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError();
    throw error;
  }
}

export const PERSONAL_COMMUNITY_ID = 'personal';

/** First run: a local-only "Personal" community always exists. */
export async function ensurePersonalCommunity(db: RepertoireDb, now = Date.now()): Promise<void> {
  const tx = db.transaction('communities', 'readwrite');
  if (!(await tx.store.get(PERSONAL_COMMUNITY_ID))) {
    await tx.store.put({
      id: PERSONAL_COMMUNITY_ID,
      name: 'Personal',
      local: true,
      createdAt: now,
    });
  }
  await tx.done;
}

export async function listCommunities(db: RepertoireDb): Promise<Community[]> {
  const all = await db.getAll('communities');
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

/** Stores items and queues them for indexing, in one transaction. */
export function putItems(db: RepertoireDb, items: readonly Item[]): Promise<void> {
  return write(async () => {
    const tx = db.transaction(['items', 'searchQueue'], 'readwrite');
    for (const item of items) {
      void tx.objectStore('items').put(item);
      void tx.objectStore('searchQueue').add(item.id);
    }
    await tx.done;
  });
}

export const putItem = (db: RepertoireDb, item: Item): Promise<void> => putItems(db, [item]);

/** An item as the member sees it, with what they see beside it when it is shared. */
interface Seen {
  item: Item;
  meta?: ItemMeta;
}

const seenSynced = ({ item, endorsements, conflicts }: SyncedItem): Seen => ({
  item,
  meta: { endorsements, conflicts },
});

/** Stores an item can live in, as the member sees it; every read goes through these. */
const SEEN_STORES = ['items', 'views', 'serverPages'] as const;

/**
 * Where each of `ids` lives: a local item, a pending view, or a server copy (a view hides the
 * copy). A few requests per id: for small sets; a pulled page's ids are read with the page.
 */
async function lookup(tx: Tx, ids: readonly string[]): Promise<Map<string, Seen>> {
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
async function copiesIn(tx: Tx, keys: readonly PageKey[]): Promise<Map<string, SyncedItem>> {
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

/** Endorsements and conflicts of a shared item, when it has some. */
export async function getItemMeta(db: RepertoireDb, id: string): Promise<ItemMeta | undefined> {
  const meta = (await lookup(db.transaction(SEEN_STORES), [id])).get(id)?.meta;
  return meta && (meta.endorsements.length > 0 || meta.conflicts.length > 0) ? meta : undefined;
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
  const tx = db.transaction(SEEN_STORES);
  const [local, views, pages] = await Promise.all([
    tx.objectStore('items').index('by-canonical-url').getAll(canonicalUrl),
    viewsOf(tx, community),
    tx.objectStore('serverPages').index('by-canonical-url').getAll(canonicalUrl),
  ]);
  const found = new Map<string, Item>();
  for (const item of local) found.set(item.id, item);
  // A page's copy may be superseded (by a newer page, or a view): ask for each item's current one.
  const candidates = new Set(pages.flatMap((page) => page.ids));
  for (const [id, seen] of await lookup(tx, [...candidates])) found.set(id, seen.item);
  for (const { item } of views.values()) found.set(item.id, item);
  return [...found.values()].filter(
    (item) =>
      item.community === community && item.canonicalUrl === canonicalUrl && item.deletedAt === null,
  );
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

/** Soft delete of a local item: the record stays as a tombstone. */
export function deleteItem(db: RepertoireDb, id: string, now = Date.now()): Promise<void> {
  return write(async () => {
    const tx = db.transaction(['items', 'searchQueue'], 'readwrite');
    const item = await tx.objectStore('items').get(id);
    if (item && item.deletedAt === null) {
      await tx.objectStore('items').put({ ...item, deletedAt: now, updatedAt: now });
      await tx.objectStore('searchQueue').add(id);
    }
    await tx.done;
  });
}

/** Undoes a local soft delete: the tombstone becomes the item again, and searchable. */
export function restoreItem(db: RepertoireDb, id: string, now = Date.now()): Promise<void> {
  return write(async () => {
    const tx = db.transaction(['items', 'searchQueue'], 'readwrite');
    const item = await tx.objectStore('items').get(id);
    if (item && item.deletedAt !== null) {
      await tx.objectStore('items').put({ ...item, deletedAt: null, updatedAt: now });
      await tx.objectStore('searchQueue').add(id);
    }
    await tx.done;
  });
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

/**
 * Queued entries holding up to about `limit` item ids, with the queue keys to acknowledge once
 * they are indexed; `ids` is how many ids they hold. Entries are taken whole, the first always.
 */
export async function peekSearchQueue(
  db: RepertoireDb,
  limit: number,
  /** Stop adding items once their text passes this many characters (pages can be large). */
  maxChars = Infinity,
): Promise<{ keys: number[]; items: Item[]; missing: string[]; ids: number }> {
  const tx = db.transaction(['searchQueue', ...SEEN_STORES]);
  const queue = tx.objectStore('searchQueue');
  const [keys, entries] = await Promise.all([
    queue.getAllKeys(null, limit),
    queue.getAll(null, limit),
  ]);
  // Nothing queued (every service-worker start drains): no need to read the pending views.
  if (keys.length === 0) return { keys: [], items: [], missing: [], ids: 0 };
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
  const [copies, views] = await Promise.all([
    copiesIn(tx, [...pages.values()]),
    tx.objectStore('views').getAll(),
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
  return { keys: taken, items: [...items.values()], missing: [...missing], ids: count };
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

export { rebuildRelated, relatedStore } from './related';
export { readLibrary } from './library';

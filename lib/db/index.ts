/**
 * The storage module: the only place that imports `idb`. The schema lives in the type system
 * (RepertoireSchema) and every migration lives in the one `upgrade` switch below.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SearchRecord, SearchStore } from '../search/store';
import type { SyncState } from '../sync/sync-store';
import type { Endorsement, ConflictRevision, Mutation, Role, SyncedItem } from '../wire/sync';
import type { Community, Item } from '../wire/schemas';

export const DB_NAME = 'repertoire';
export const DB_VERSION = 3;

export interface RepertoireSchema extends DBSchema {
  communities: { key: string; value: Community };
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
  /** The persisted search index (lib/search): a few thousand small records. Since v2. */
  search: { key: string; value: SearchRecord };
  /**
   * Ids of items written but not yet indexed, added in the same transaction as the item so a
   * crash between the write and the indexing loses nothing: the queue is drained on restart.
   * An entry is one id, or (since v3, no migration needed) the ids of one pulled page: one
   * request instead of hundreds, each of which costs ~0.1 ms in Chromium. Since v2.
   */
  searchQueue: { key: number; value: QueuedIds };
  /** Shared communities this browser joined, with the member token. Since v3. */
  memberships: { key: string; value: Membership };
  /** Sync bookkeeping per community (lib/sync). Since v3. */
  syncState: { key: string; value: SyncState };
  /** The server's copy of each synced item, as last pulled: [community, itemId]. Since v3. */
  synced: { key: [string, string]; value: SyncedItem };
  /** Local mutations not yet acknowledged by the server: [community, seq]. Since v3. */
  outbox: { key: [string, number]; value: Mutation };
  /** What the member sees beside a synced item: endorsements and kept conflict revisions. */
  itemMeta: { key: string; value: ItemMeta };
}

/** One searchQueue entry: an item id, or the ids of items written together. */
export type QueuedIds = string | string[];

const idsOf = (entry: QueuedIds): string[] => (typeof entry === 'string' ? [entry] : entry);

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

export interface ItemMeta {
  endorsements: Endorsement[];
  conflicts: ConflictRevision[];
}

export type RepertoireDb = IDBPDatabase<RepertoireSchema>;

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
            db.createObjectStore('synced');
            db.createObjectStore('outbox');
            db.createObjectStore('itemMeta');
            break;
          }
        }
      }
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

export function getItem(db: RepertoireDb, id: string): Promise<Item | undefined> {
  return db.get('items', id);
}

/** Live (not deleted) items of a community clipped from this canonical URL. */
export async function findByCanonicalUrl(
  db: RepertoireDb,
  community: string,
  canonicalUrl: string,
): Promise<Item[]> {
  const found = await db.getAllFromIndex('items', 'by-canonical-url', canonicalUrl);
  return found.filter((item) => item.community === community && item.deletedAt === null);
}

/** Newest live items of a community, newest first. */
export async function recentItems(
  db: RepertoireDb,
  community: string,
  limit: number,
): Promise<Item[]> {
  const range = IDBKeyRange.bound([community, -Infinity], [community, Infinity]);
  const out: Item[] = [];
  let cursor = await db
    .transaction('items')
    .store.index('by-community-updated')
    .openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    if (cursor.value.deletedAt === null) out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** Every live item of every community: what the related-tips matcher is built from. */
export async function allLiveItems(db: RepertoireDb): Promise<Item[]> {
  return (await db.getAll('items')).filter((item) => item.deletedAt === null);
}

export function getItems(db: RepertoireDb, ids: readonly string[]): Promise<(Item | undefined)[]> {
  const tx = db.transaction('items');
  return Promise.all(ids.map((id) => tx.store.get(id)));
}

/** Soft delete: the record stays as a tombstone so the deletion can sync. */
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
  const tx = db.transaction(['searchQueue', 'items']);
  const queue = tx.objectStore('searchQueue');
  const [keys, entries] = await Promise.all([
    queue.getAllKeys(null, limit),
    queue.getAll(null, limit),
  ]);
  // Entries up to `limit` ids, their items read in one round; the text budget then cuts whole
  // entries off the end.
  const batch: { key: number; ids: string[] }[] = [];
  let wanted = 0;
  for (const [i, key] of keys.entries()) {
    if (batch.length > 0 && wanted >= limit) break;
    const ids = idsOf(entries[i] ?? []);
    batch.push({ key, ids });
    wanted += ids.length;
  }
  const found = await Promise.all(
    batch.flatMap((entry) => entry.ids.map((id) => tx.objectStore('items').get(id))),
  );
  const taken: number[] = [];
  const items = new Map<string, Item>();
  const missing = new Set<string>();
  let chars = 0;
  let ids = 0;
  let at = 0;
  for (const entry of batch) {
    if (taken.length > 0 && chars > maxChars) break;
    taken.push(entry.key);
    ids += entry.ids.length;
    for (const id of entry.ids) {
      const item = found[at++];
      if (!item) missing.add(id);
      else if (!items.has(id)) {
        items.set(id, item);
        chars += textSize(item);
      }
    }
  }
  return { keys: taken, items: [...items.values()], missing: [...missing], ids };
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
const QUEUE_ENTRY_IDS = 2_000;

/** Queues every item for indexing: after the index was dropped (a new stored format). */
export async function queueAllForSearch(db: RepertoireDb): Promise<number> {
  const tx = db.transaction(['items', 'searchQueue'], 'readwrite');
  const ids = await tx.objectStore('items').getAllKeys();
  for (let at = 0; at < ids.length; at += QUEUE_ENTRY_IDS) {
    void tx.objectStore('searchQueue').add(ids.slice(at, at + QUEUE_ENTRY_IDS));
  }
  await tx.done;
  return ids.length;
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

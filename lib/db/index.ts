/**
 * The storage module: the only place that imports `idb`. The schema lives in the type system
 * (RepertoireSchema) and every migration lives in the one `upgrade` switch below.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Community, Item } from '../wire/schemas';

export const DB_NAME = 'repertoire';
export const DB_VERSION = 1;

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

export function openRepertoireDb(name = DB_NAME): Promise<RepertoireDb> {
  return openDB<RepertoireSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each case upgrades from that version to the next and falls through to the latest.
      switch (oldVersion) {
        case 0: {
          db.createObjectStore('communities', { keyPath: 'id' });
          const items = db.createObjectStore('items', { keyPath: 'id' });
          items.createIndex('by-community-updated', ['community', 'updatedAt']);
          items.createIndex('by-canonical-url', 'canonicalUrl');
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

export function putItem(db: RepertoireDb, item: Item): Promise<void> {
  return write(async () => {
    await db.put('items', item);
  });
}

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

/** Soft delete: the record stays as a tombstone so the deletion can sync. */
export function deleteItem(db: RepertoireDb, id: string, now = Date.now()): Promise<void> {
  return write(async () => {
    const tx = db.transaction('items', 'readwrite');
    const item = await tx.store.get(id);
    if (item && item.deletedAt === null) {
      await tx.store.put({ ...item, deletedAt: now, updatedAt: now });
    }
    await tx.done;
  });
}

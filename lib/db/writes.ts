/** Writes of items and communities; every item written is queued for indexing with it. */
import { t, translated } from '../i18n';
import type { Community, Item } from '../wire';
import type { RepertoireDb } from './schema';

/** Thrown when the browser refuses a write because storage is full. Nothing was written. */
export class StorageFullError extends Error {
  constructor() {
    super(t('background_storageFull'));
    this.name = 'StorageFullError';
  }
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/** Runs a write; a quota failure becomes StorageFullError so the UI can say what to do. */
export async function write<T>(run: () => Promise<T>): Promise<T> {
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

/**
 * Personal is called what the member's language calls it; what is stored is its English name,
 * which stays where there is no catalogue (Node).
 */
function named(community: Community): Community {
  if (community.id !== PERSONAL_COMMUNITY_ID) return community;
  const name = translated('common_personal');
  return name === undefined ? community : { ...community, name };
}

export async function listCommunities(db: RepertoireDb): Promise<Community[]> {
  const all = await db.getAll('communities');
  return all.sort((a, b) => a.createdAt - b.createdAt).map(named);
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

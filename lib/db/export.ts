/**
 * What an export holds of each live item: the item as this browser sees it now, what members
 * marked on it (shared items), and the member's own private note. Part of the storage module;
 * it reads the stores as readLibrary does, so an item is taken where it currently lives.
 */
import type { Endorsement, ConflictRevision, Item, Mark, SyncedItem } from '../wire';
import type { RepertoireDb } from './schema';

export interface ExportRecord {
  item: Item;
  /** On shared items: what the server says members marked on it, and waiting conflicts. */
  meta?: { endorsements: Endorsement[]; marks: Mark[]; conflicts: ConflictRevision[] };
  privateNote?: string;
}

/** Records per request, as readLibrary: bodies are cloned and dropped chunk by chunk. */
const CHUNK = 1_000;

/** Every live item of `community` (or of every community when null), oldest id first. */
export async function exportRecords(
  db: RepertoireDb,
  community: string | null,
  onProgress?: (read: number) => void,
): Promise<ExportRecord[]> {
  // An id maps to null once its current copy is a tombstone: a later copy decides.
  const seen = new Map<string, ExportRecord | null>();
  const wanted = (item: Item) => community === null || item.community === community;
  const takeSynced = ({ item, endorsements, marks, conflicts }: SyncedItem) => {
    if (!wanted(item)) return;
    seen.set(
      item.id,
      item.deletedAt === null
        ? { item, meta: { endorsements, marks: marks ?? [], conflicts } }
        : null,
    );
  };
  // Pages in key order ([community, pull cursor]): a newer page's copy replaces an older one.
  const range =
    community === null
      ? undefined
      : IDBKeyRange.bound([community, -Infinity], [community, Infinity]);
  for (const key of await db.getAllKeys('serverPages', range)) {
    for (const copy of (await db.get('serverPages', key))?.copies ?? []) takeSynced(copy);
    onProgress?.(seen.size);
  }
  // A pending view hides the server copy.
  for (const view of await db.getAll('views')) takeSynced(view);
  let after: string | undefined;
  for (;;) {
    const from = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const items = await db.getAll('items', from, CHUNK);
    for (const item of items)
      if (wanted(item)) seen.set(item.id, item.deletedAt === null ? { item } : null);
    onProgress?.(seen.size);
    const last = items.at(-1);
    if (!last || items.length < CHUNK) break;
    after = last.id;
  }
  const notes = new Map((await db.getAll('privateNotes')).map((n) => [n.itemId, n.text]));
  const records = [...seen.values()].filter((r) => r !== null);
  for (const record of records) {
    const note = notes.get(record.item.id);
    if (note) record.privateNote = note;
  }
  return records.sort((a, b) => (a.item.id < b.item.id ? -1 : 1));
}

/**
 * Server copies in pages: the record format of the `serverPages` store, and the v3 → v4 move of
 * per-item copies into it. Part of the storage module (lib/db); nothing else sees a page.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { Item, Mutation, SyncedItem } from '../wire';

/** [community, n]: n is the pull cursor right after the page, so pages sort as they came. */
export type PageKey = [string, number];

export interface ServerPage {
  community: string;
  copies: SyncedItem[];
  /** What the multiEntry indexes read: derived from `copies`, see serverPage(). */
  ids: string[];
  recent: [string, number, string][];
  urls: string[];
}

export function serverPage(community: string, copies: SyncedItem[]): ServerPage {
  const live = copies.map((c) => c.item).filter((item) => item.deletedAt === null);
  return {
    community,
    copies,
    ids: copies.map((c) => c.item.id),
    recent: live.map((item) => [community, item.updatedAt, item.id]),
    urls: live.flatMap((item) => (item.canonicalUrl === null ? [] : [item.canonicalUrl])),
  };
}

/** Copies a page holds, and those of them a later page supersedes (kept until half are). */
export interface StaleCopies {
  size: number;
  ids: string[];
}

/** The newest of the pages holding an item: the one with its current copy. */
export function latestPage(keys: readonly PageKey[]): PageKey | undefined {
  let latest: PageKey | undefined;
  for (const key of keys) if (!latest || key[1] > latest[1]) latest = key;
  return latest;
}

/** A page key as a string, to collect distinct pages in a Set or Map. */
export const pageKeyId = ([community, n]: PageKey): string => `${n}\u0000${community}`;

/** Copies per migrated page: what a pull brings. */
const PAGE_COPIES = 500;

/**
 * v3 → v4: per-item server copies become pages; a shared item's view stays only where queued
 * mutations make it differ (v3 kept one for every shared item, in `items`, with `itemMeta`).
 * A view with no server copy is kept too (created here, not yet pushed): nothing is lost.
 */
export async function migrateSyncedToPages(
  db: IDBPDatabase,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
): Promise<void> {
  const [syncedKeys, copies, outbox, memberships] = await Promise.all([
    tx.objectStore('synced').getAllKeys() as Promise<[string, string][]>,
    tx.objectStore('synced').getAll() as Promise<SyncedItem[]>,
    tx.objectStore('outbox').getAll() as Promise<Mutation[]>,
    tx.objectStore('memberships').getAllKeys() as Promise<string[]>,
  ]);
  const byCommunity = new Map<string, SyncedItem[]>();
  const copyOf = new Map<string, SyncedItem>();
  for (const [i, [community]] of syncedKeys.entries()) {
    const copy = copies[i];
    if (!copy) continue;
    copyOf.set(copy.item.id, copy);
    const held = byCommunity.get(community);
    if (held) held.push(copy);
    else byCommunity.set(community, [copy]);
  }
  for (const [community, all] of byCommunity) {
    all.sort((a, b) => a.version - b.version);
    for (let at = 0; at < all.length; at += PAGE_COPIES) {
      const chunk = all.slice(at, at + PAGE_COPIES);
      const key: PageKey = [community, chunk.at(-1)?.version ?? 0];
      void tx.objectStore('serverPages').put(serverPage(community, chunk), key);
      void tx.objectStore('staleCopies').put({ size: chunk.length, ids: [] }, key);
    }
  }
  const pending = new Set(outbox.map((m) => m.itemId));
  const shared = new Set(memberships);
  const items = (await tx.objectStore('items').getAll()) as Item[];
  for (const item of items.filter((i) => shared.has(i.community))) {
    void tx.objectStore('items').delete(item.id);
    const copy = copyOf.get(item.id);
    if (copy && !pending.has(item.id)) continue;
    const meta = (await tx.objectStore('itemMeta').get(item.id)) as
      Pick<SyncedItem, 'endorsements' | 'conflicts'> | undefined;
    const base = copy ?? { version: 0, fieldVersions: {}, endorsements: [], conflicts: [] };
    void tx.objectStore('views').put({
      ...base,
      item,
      endorsements: meta?.endorsements ?? [],
      conflicts: meta?.conflicts ?? [],
    });
  }
  db.deleteObjectStore('synced');
  db.deleteObjectStore('itemMeta');
}

/** Keys [community, number] of one community: its outbox, its pages. */
export const all = (community: string) =>
  IDBKeyRange.bound([community, -Infinity], [community, Infinity]);

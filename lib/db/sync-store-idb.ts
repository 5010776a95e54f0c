/**
 * lib/sync's SyncStore over IndexedDB, one community at a time. Every method that stores several
 * things does so in one transaction, and what the member sees goes through the same search queue
 * as local writes, so search and related tips follow synced changes too.
 */
import type { PulledChange, SyncState, SyncStore } from '../sync';
import type { Mutation } from '../wire';
import type { IDBPTransaction, StoreNames } from 'idb';
import { queueIds } from './search-queue';
import type { RepertoireDb, RepertoireSchema } from './schema';
import { all, latestPage, pageKeyId, serverPage, type PageKey } from './pages';

export function idbSyncStore(db: RepertoireDb, community: string): SyncStore {
  /**
   * Which page holds each item, kept while this store has been the only writer of the
   * community's pages since they were empty (a first sync): older copies of pulled items are then
   * found without an index request per item. null: not known, ask the index.
   */
  let homes: Map<string, PageKey> | null | undefined;
  return {
    loadState: () => db.get('syncState', community),
    async saveState(state) {
      await db.put('syncState', state, community);
    },
    async getSynced(itemId) {
      const tx = db.transaction('serverPages');
      const key = latestPage(await tx.store.index('by-item').getAllKeys(itemId));
      const page = key && (await tx.store.get(key));
      if (page?.community !== community) return undefined;
      return page.copies.find((copy) => copy.item.id === itemId);
    },
    async enqueue(mutation: Mutation, view) {
      const tx = db.transaction(['outbox', 'views', 'searchQueue'], 'readwrite');
      void tx.objectStore('outbox').put(mutation, [community, mutation.seq]);
      if (view) {
        void tx.objectStore('views').put(view);
        void tx.objectStore('searchQueue').add(view.item.id);
      }
      await tx.done;
    },
    async outbox(limit?: number) {
      return db.getAll('outbox', all(community), limit);
    },
    async acknowledge(upToSeq) {
      await db.delete('outbox', IDBKeyRange.bound([community, -Infinity], [community, upToSeq]));
    },
    async setView(itemId, view) {
      const tx = db.transaction(['views', 'searchQueue'], 'readwrite');
      void (view ? tx.objectStore('views').put(view) : tx.objectStore('views').delete(itemId));
      void tx.objectStore('searchQueue').add(itemId);
      await tx.done;
    },
    async applyPulled(changes: readonly PulledChange[], state: SyncState) {
      const tx = db.transaction(
        ['serverPages', 'staleCopies', 'views', 'searchQueue', 'syncState'],
        'readwrite',
      );
      const pages = tx.objectStore('serverPages');
      const ids = changes.map((change) => change.synced.item.id);
      const known =
        homes !== undefined ? homes : (await pages.count(all(community))) === 0 ? new Map() : null;
      // The copies these changes supersede: each in its item's newest page so far.
      const older = known
        ? ids.map((id) => known.get(id))
        : await Promise.all(
            ids.map(async (id) => latestPage(await pages.index('by-item').getAllKeys(id))),
          );
      const superseded = new Map<string, { key: PageKey; ids: string[] }>();
      for (const [i, key] of older.entries()) {
        if (key?.[0] !== community) continue;
        const entry = superseded.get(pageKeyId(key)) ?? { key, ids: [] as string[] };
        entry.ids.push(ids[i] ?? '');
        superseded.set(pageKeyId(key), entry);
      }
      await Promise.all([...superseded.values()].map((entry) => markStale(tx, entry)));
      // A view hides the copy while queued mutations change the item; without any, it goes.
      const views = tx.objectStore('views');
      const range = idRange(ids);
      const withView = new Set(range ? await views.getAllKeys(range) : []);
      for (const { synced, view } of changes) {
        if (view) void views.put(view);
        else if (withView.has(synced.item.id)) void views.delete(synced.item.id);
      }
      const key: PageKey = [community, state.cursor];
      if (changes.length > 0) {
        const copies = changes.map((change) => change.synced);
        void pages.put(serverPage(community, copies), key);
        void tx.objectStore('staleCopies').put({ size: copies.length, ids: [] }, key);
        void tx.objectStore('searchQueue').add({ page: key, ids });
      }
      void tx.objectStore('syncState').put(state, community);
      await tx.done;
      if (known) for (const id of ids) known.set(id, key);
      homes = known;
    },
    async resetSynced(state) {
      const tx = db.transaction(
        ['serverPages', 'staleCopies', 'views', 'outbox', 'searchQueue', 'syncState'],
        'readwrite',
      );
      const [pages, views, outbox] = await Promise.all([
        tx.objectStore('serverPages').getAll(all(community)),
        tx.objectStore('views').index('by-community').getAll(community),
        tx.objectStore('outbox').getAll(all(community)),
      ]);
      // Queued mutations keep their item's view (every queued item has one) on screen.
      const backed = new Set(outbox.map((m) => m.itemId));
      const dropped = pages.flatMap((page) => page.ids).filter((id) => !backed.has(id));
      for (const { item } of views) {
        if (backed.has(item.id)) continue;
        void tx.objectStore('views').delete(item.id);
        dropped.push(item.id);
      }
      void tx.objectStore('serverPages').delete(all(community));
      void tx.objectStore('staleCopies').delete(all(community));
      queueIds(tx.objectStore('searchQueue'), [...new Set(dropped)]);
      void tx.objectStore('syncState').put(state, community);
      await tx.done;
      homes = new Map();
    },
  };
}

type PagesTx = IDBPTransaction<
  RepertoireSchema,
  ArrayLike<StoreNames<RepertoireSchema>>,
  'readwrite'
>;

/**
 * Records that later pages supersede these copies of page `key`. Once half the page is
 * superseded it is rewritten without them (or deleted): each page is rewritten a few times in
 * its life, however scattered the changes, instead of at every change of one of its items.
 */
async function markStale(tx: PagesTx, { key, ids }: { key: PageKey; ids: string[] }) {
  const stale = tx.objectStore('staleCopies');
  const before = (await stale.get(key)) ?? { size: 0, ids: [] };
  const now = { size: before.size, ids: [...before.ids, ...ids] };
  if (now.ids.length * 2 < now.size) {
    void stale.put(now, key);
    return;
  }
  const page = await tx.objectStore('serverPages').get(key);
  const gone = new Set(now.ids);
  const rest = page?.copies.filter((copy) => !gone.has(copy.item.id)) ?? [];
  if (rest.length === 0) {
    void tx.objectStore('serverPages').delete(key);
    void stale.delete(key);
    return;
  }
  void tx.objectStore('serverPages').put(serverPage(key[0], rest), key);
  void stale.put({ size: rest.length, ids: [] }, key);
}

/** The smallest key range holding all of `ids` (pages of changes come roughly in id order). */
function idRange(ids: readonly string[]): IDBKeyRange | undefined {
  const sorted = [...ids].sort();
  const [first, last] = [sorted[0], sorted.at(-1)];
  return first === undefined || last === undefined ? undefined : IDBKeyRange.bound(first, last);
}

/**
 * lib/sync's SyncStore over IndexedDB, one community at a time. Every method that stores several
 * things does so in one transaction, and what the member sees goes through the same search queue
 * as local writes, so search and related tips follow synced changes too.
 */
import type { PulledChange, SyncState, SyncStore } from '../sync/sync-store';
import type { Mutation } from '../wire/sync';
import { queueIds, type Membership, type RepertoireDb } from '.';
import { pageKeyId, serverPage, type PageKey } from './pages';

/** Keys [community, number] of one community: its outbox, its pages. */
const all = (community: string) => IDBKeyRange.bound([community, -Infinity], [community, Infinity]);

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
      const page = await db.getFromIndex('serverPages', 'by-item', itemId);
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
    async applyPulled(changes: readonly PulledChange[], state: SyncState) {
      const tx = db.transaction(['serverPages', 'views', 'searchQueue', 'syncState'], 'readwrite');
      const pages = tx.objectStore('serverPages');
      const ids = changes.map((change) => change.synced.item.id);
      const known =
        homes !== undefined ? homes : (await pages.count(all(community))) === 0 ? new Map() : null;
      // Each item has one copy: older ones leave their pages (rare in a first sync, usual later).
      const older = new Map<string, PageKey>();
      const found = known
        ? ids.map((id) => known.get(id))
        : (await Promise.all(ids.map((id) => pages.index('by-item').getAllKeys(id)))).flat();
      for (const key of found) if (key?.[0] === community) older.set(pageKeyId(key), key);
      const incoming = new Set(ids);
      for (const [key, page] of await Promise.all(
        [...older.values()].map(async (key) => [key, await pages.get(key)] as const),
      )) {
        const rest = page?.copies.filter((copy) => !incoming.has(copy.item.id)) ?? [];
        void (rest.length > 0 ? pages.put(serverPage(community, rest), key) : pages.delete(key));
      }
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
        void pages.put(
          serverPage(
            community,
            changes.map((change) => change.synced),
          ),
          key,
        );
        void tx.objectStore('searchQueue').add({ page: key, ids });
      }
      void tx.objectStore('syncState').put(state, community);
      await tx.done;
      if (known) for (const id of ids) known.set(id, key);
      homes = known;
    },
    async resetSynced(state) {
      const tx = db.transaction(
        ['serverPages', 'views', 'outbox', 'searchQueue', 'syncState'],
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
      queueIds(tx.objectStore('searchQueue'), [...new Set(dropped)]);
      void tx.objectStore('syncState').put(state, community);
      await tx.done;
      homes = new Map();
    },
  };
}

/** The smallest key range holding all of `ids` (pages of changes come roughly in id order). */
function idRange(ids: readonly string[]): IDBKeyRange | undefined {
  const sorted = [...ids].sort();
  const [first, last] = [sorted[0], sorted.at(-1)];
  return first === undefined || last === undefined ? undefined : IDBKeyRange.bound(first, last);
}

export const listMemberships = (db: RepertoireDb): Promise<Membership[]> =>
  db.getAll('memberships');

/** Joining: the membership and the community it makes appear in the picker, together. */
export async function saveMembership(db: RepertoireDb, membership: Membership): Promise<void> {
  const tx = db.transaction(['memberships', 'communities'], 'readwrite');
  void tx.objectStore('memberships').put(membership);
  void tx.objectStore('communities').put({
    id: membership.communityId,
    name: membership.name,
    local: false,
    createdAt: membership.joinedAt,
  });
  await tx.done;
}

/** Leaving: the membership, its sync bookkeeping and its items go; other communities stay. */
export async function forgetCommunity(db: RepertoireDb, community: string): Promise<void> {
  const stores = [
    'memberships',
    'communities',
    'syncState',
    'serverPages',
    'views',
    'outbox',
    'items',
    'searchQueue',
  ] as const;
  const tx = db.transaction([...stores], 'readwrite');
  const [pages, views, local] = await Promise.all([
    tx.objectStore('serverPages').getAll(all(community)),
    tx.objectStore('views').index('by-community').getAllKeys(community),
    tx
      .objectStore('items')
      .index('by-community-updated')
      .getAllKeys(IDBKeyRange.bound([community, -Infinity], [community, Infinity])),
  ]);
  void tx.objectStore('memberships').delete(community);
  void tx.objectStore('communities').delete(community);
  void tx.objectStore('syncState').delete(community);
  void tx.objectStore('serverPages').delete(all(community));
  void tx.objectStore('outbox').delete(all(community));
  for (const id of views) void tx.objectStore('views').delete(id);
  for (const id of local) void tx.objectStore('items').delete(id);
  queueIds(tx.objectStore('searchQueue'), [
    ...new Set([...pages.flatMap((page) => page.ids), ...views, ...local]),
  ]);
  await tx.done;
}

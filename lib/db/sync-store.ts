/**
 * lib/sync's SyncStore over IndexedDB, one community at a time. Every method that stores several
 * things does so in one transaction, and item views go through the same search queue as local
 * writes, so search and related tips follow synced changes too.
 */
import type { PulledChange, SyncState, SyncStore } from '../sync/sync-store';
import type { Mutation, SyncedItem } from '../wire/sync';
import type { ItemMeta, Membership, RepertoireDb } from '.';

const all = (community: string) => IDBKeyRange.bound([community, -Infinity], [community, Infinity]);
const allIds = (community: string) => IDBKeyRange.bound([community, ''], [community, '\uffff']);

export function idbSyncStore(db: RepertoireDb, community: string): SyncStore {
  return {
    loadState: () => db.get('syncState', community),
    async saveState(state) {
      await db.put('syncState', state, community);
    },
    getSynced: (itemId) => db.get('synced', [community, itemId]),
    async enqueue(mutation: Mutation, view: SyncedItem | undefined) {
      const tx = db.transaction(['outbox', 'items', 'itemMeta', 'searchQueue'], 'readwrite');
      void tx.objectStore('outbox').put(mutation, [community, mutation.seq]);
      if (view) {
        void tx.objectStore('items').put(view.item);
        putMeta(tx.objectStore('itemMeta'), view, true);
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
      const tx = db.transaction(
        ['synced', 'items', 'itemMeta', 'searchQueue', 'syncState'],
        'readwrite',
      );
      const meta = tx.objectStore('itemMeta');
      const range = idRange(changes.map((c) => c.view.item.id));
      const withMeta = new Set(range ? await meta.getAllKeys(range) : []);
      for (const { synced, view } of changes) {
        void tx.objectStore('synced').put(synced, [community, synced.item.id]);
        void tx.objectStore('items').put(view.item);
        putMeta(meta, view, withMeta.has(view.item.id));
      }
      if (changes.length > 0) {
        void tx.objectStore('searchQueue').add(changes.map((c) => c.view.item.id));
      }
      void tx.objectStore('syncState').put(state, community);
      await tx.done;
    },
    async resetSynced(state) {
      const tx = db.transaction(
        ['synced', 'outbox', 'items', 'itemMeta', 'searchQueue', 'syncState'],
        'readwrite',
      );
      const backed = new Set(
        (await tx.objectStore('outbox').getAll(all(community))).map((m) => m.itemId),
      );
      for (const [, itemId] of await tx.objectStore('synced').getAllKeys(allIds(community))) {
        if (backed.has(itemId)) continue;
        void tx.objectStore('items').delete(itemId);
        void tx.objectStore('itemMeta').delete(itemId);
        void tx.objectStore('searchQueue').add(itemId);
      }
      void tx.objectStore('synced').delete(allIds(community));
      void tx.objectStore('syncState').put(state, community);
      await tx.done;
    },
  };
}

/**
 * An item's endorsements and conflicts, kept only while it has some (no record reads as none).
 * Most items have neither, and every IndexedDB request costs: in Chromium a put is ~0.1 ms, so a
 * record per item would add seconds to a first sync of tens of thousands of items.
 */
function putMeta(
  store: { put(value: ItemMeta, key: string): unknown; delete(key: string): unknown },
  view: SyncedItem,
  mayExist: boolean,
): void {
  const { endorsements, conflicts } = view;
  if (endorsements.length > 0 || conflicts.length > 0) {
    void store.put({ endorsements, conflicts }, view.item.id);
  } else if (mayExist) {
    void store.delete(view.item.id);
  }
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
    'synced',
    'outbox',
    'items',
    'itemMeta',
    'searchQueue',
  ] as const;
  const tx = db.transaction([...stores], 'readwrite');
  void tx.objectStore('memberships').delete(community);
  void tx.objectStore('communities').delete(community);
  void tx.objectStore('syncState').delete(community);
  void tx.objectStore('synced').delete(allIds(community));
  void tx.objectStore('outbox').delete(all(community));
  const items = tx.objectStore('items').index('by-community-updated');
  for (const id of await items.getAllKeys(all(community))) {
    void tx.objectStore('items').delete(id);
    void tx.objectStore('itemMeta').delete(id);
    void tx.objectStore('searchQueue').add(id);
  }
  await tx.done;
}

export const getItemMeta = (db: RepertoireDb, itemId: string) => db.get('itemMeta', itemId);

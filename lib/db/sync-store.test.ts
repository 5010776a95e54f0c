/**
 * The IndexedDB SyncStore against the same scenarios as the engine's reference in-memory store:
 * both must answer alike, and the IndexedDB one must keep communities apart and feed search.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { tipItem } from '../repertoire/items';
import { MemorySyncStore } from '../sync/memory-store';
import type { SyncState, SyncStore } from '../sync/sync-store';
import type { Mutation, SyncedItem } from '../wire/sync';
import { getItem, openRepertoireDb, putItem, type RepertoireDb } from '.';
import {
  forgetCommunity,
  getItemMeta,
  idbSyncStore,
  listMemberships,
  saveMembership,
} from './sync-store';

let db: RepertoireDb;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
});

const state = (cursor: number): SyncState => ({
  clientId: 'client-1',
  nextSeq: 4,
  clock: 10,
  cursor,
  lastSyncedAt: null,
});
const tip = (title: string, community = 'team') =>
  tipItem(
    { title, body: 'b', tags: [], appliesTo: [], url: null },
    { community, author: 'Ann', now: 5 },
  );
const synced = (item = tip('t'), version = 1): SyncedItem => ({
  item,
  version,
  fieldVersions: { title: version },
  endorsements: [],
  conflicts: [],
});
const endorse = (seq: number, itemId: string): Mutation => ({
  op: 'endorse',
  seq,
  itemId,
  at: seq * 1000,
  endorsed: true,
});

const stores: [string, () => SyncStore][] = [
  ['memory', () => new MemorySyncStore()],
  ['IndexedDB', () => idbSyncStore(db, 'team')],
];

describe.each(stores)('%s SyncStore', (_name, make) => {
  it('keeps state, queues in seq order, and acknowledges up to a seq', async () => {
    const store = make();
    expect(await store.loadState()).toBeUndefined();
    await store.saveState(state(0));
    expect(await store.loadState()).toEqual(state(0));
    const item = tip('queued');
    for (const seq of [1, 2, 3]) await store.enqueue(endorse(seq, item.id), undefined);
    expect((await store.outbox()).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect((await store.outbox(2)).map((m) => m.seq)).toEqual([1, 2]);
    await store.acknowledge(2);
    expect((await store.outbox()).map((m) => m.seq)).toEqual([3]);
  });

  it('stores pulled copies with the new cursor, and forgets unbacked ones on reset', async () => {
    const store = make();
    const kept = tip('backed by the outbox');
    const dropped = tip('only on the server');
    await store.enqueue(endorse(1, kept.id), synced(kept));
    await store.applyPulled(
      [
        { synced: synced(kept, 3), view: synced(kept, 3) },
        { synced: synced(dropped, 4), view: synced(dropped, 4) },
      ],
      state(4),
    );
    expect((await store.getSynced(dropped.id))?.version).toBe(4);
    expect((await store.loadState())?.cursor).toBe(4);
    await store.resetSynced(state(0));
    expect(await store.getSynced(kept.id)).toBeUndefined();
    expect(await store.getSynced(dropped.id)).toBeUndefined();
    expect((await store.loadState())?.cursor).toBe(0);
  });
});

describe('IndexedDB SyncStore in the extension', () => {
  it('shows pulled items like local ones, queued for search, and drops unbacked ones on reset', async () => {
    const store = idbSyncStore(db, 'team');
    const kept = tip('kept');
    const dropped = tip('dropped');
    await store.enqueue(endorse(1, kept.id), synced(kept));
    await store.applyPulled([{ synced: synced(dropped, 2), view: synced(dropped, 2) }], state(2));
    expect(await getItem(db, dropped.id)).toEqual(dropped);
    // A pulled page is queued as one entry.
    expect(await db.getAll('searchQueue')).toEqual([kept.id, [dropped.id]]);
    await store.resetSynced(state(0));
    expect(await getItem(db, dropped.id)).toBeUndefined();
    expect(await getItem(db, kept.id)).toEqual(kept);
  });

  it('keeps endorsements and conflicts only while an item has some', async () => {
    const store = idbSyncStore(db, 'team');
    const [plain, endorsed] = [tip('plain'), tip('endorsed')];
    const helped = { memberId: 'm2', name: 'Ben', at: 3 };
    const pull = (copies: SyncedItem[], cursor: number) =>
      store.applyPulled(
        copies.map((copy) => ({ synced: copy, view: copy })),
        state(cursor),
      );
    await pull([synced(plain), { ...synced(endorsed), endorsements: [helped] }], 2);
    expect(await getItemMeta(db, plain.id)).toBeUndefined();
    expect(await getItemMeta(db, endorsed.id)).toEqual({ endorsements: [helped], conflicts: [] });
    // Ben takes it back: the record goes, and nothing else changes.
    await pull([synced(endorsed, 3)], 3);
    expect(await getItemMeta(db, endorsed.id)).toBeUndefined();
    expect(await getItem(db, endorsed.id)).toEqual(endorsed);
  });

  it('keeps communities apart', async () => {
    const team = idbSyncStore(db, 'team');
    const guild = idbSyncStore(db, 'guild');
    await team.enqueue(endorse(1, tip('a').id), undefined);
    await guild.enqueue(endorse(1, tip('b').id), undefined);
    await team.acknowledge(1);
    expect(await team.outbox()).toEqual([]);
    expect(await guild.outbox()).toHaveLength(1);
  });

  it('joins and leaves: a community and its items come and go, the Personal one stays', async () => {
    const membership = {
      communityId: 'team',
      name: 'Team',
      serverUrl: 'http://127.0.0.1:8787',
      token: 'secret',
      memberId: 'm1',
      displayName: 'Ann',
      role: 'member' as const,
      memberCount: 3,
      joinedAt: 7,
    };
    await saveMembership(db, membership);
    expect(await listMemberships(db)).toEqual([membership]);
    expect(await db.get('communities', 'team')).toEqual({
      id: 'team',
      name: 'Team',
      local: false,
      createdAt: 7,
    });
    const shared = tip('shared');
    const personal = tip('mine', 'personal');
    await putItem(db, shared);
    await putItem(db, personal);
    await forgetCommunity(db, 'team');
    expect(await listMemberships(db)).toEqual([]);
    expect(await getItem(db, shared.id)).toBeUndefined();
    expect(await getItem(db, personal.id)).toEqual(personal);
  });
});

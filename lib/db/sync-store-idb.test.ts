/**
 * The IndexedDB SyncStore against the same scenarios as the engine's reference in-memory store:
 * both must answer alike, and the IndexedDB one must keep communities apart and feed search.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { tipItem } from '../repertoire';
import { MemorySyncStore } from '../../test/support/memory-sync-store';
import type { SyncState, SyncStore } from '../sync';
import { DEFAULT_SETTINGS, type Mutation, type SyncedItem } from '../wire';
import {
  countItems,
  deletedItems,
  deleteItem,
  findByCanonicalUrl,
  getItem,
  getItemMeta,
  getItems,
  openRepertoireDb,
  peekSearchQueue,
  putItem,
  recentItems,
  restoreItem,
  type RepertoireDb,
} from '.';
import {
  communitySettings,
  forgetCommunity,
  getPrivateNote,
  idbSyncStore,
  listMemberships,
  saveMembership,
  setPrivateNote,
} from '.';

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
    await store.applyPulled([{ synced: synced(dropped, 2) }], state(2));
    expect(await getItem(db, dropped.id)).toEqual(dropped);
    // A pulled page is queued as one entry, with the page to read it from.
    expect(await db.getAll('searchQueue')).toEqual([
      kept.id,
      { page: ['team', 2], ids: [dropped.id] },
    ]);
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
        copies.map((copy) => ({ synced: copy })),
        state(cursor),
      );
    await pull([synced(plain), { ...synced(endorsed), endorsements: [helped] }], 2);
    expect(await getItemMeta(db, plain.id)).toBeUndefined();
    expect(await getItemMeta(db, endorsed.id)).toEqual({
      endorsements: [helped],
      marks: [],
      conflicts: [],
    });
    // Ben takes it back: the record goes, and nothing else changes.
    await pull([synced(endorsed, 3)], 3);
    expect(await getItemMeta(db, endorsed.id)).toBeUndefined();
    expect(await getItem(db, endorsed.id)).toEqual(endorsed);
  });

  it.each([
    ['this store wrote every page since there were none', false],
    ['another store (a restarted background) wrote some', true],
  ])('keeps one copy of an item pulled again (%s)', async (_case, restarted) => {
    const first = idbSyncStore(db, 'team');
    const [moved, stays, alone] = [tip('moved'), tip('stays'), tip('alone')];
    await first.applyPulled([{ synced: synced(moved, 1) }, { synced: synced(stays, 2) }], state(2));
    await first.applyPulled([{ synced: synced(alone, 3) }], state(3));
    const store = restarted ? idbSyncStore(db, 'team') : first;
    const renamed = { ...moved, title: 'renamed', updatedAt: 9 };
    await store.applyPulled([{ synced: synced(renamed, 4) }], state(4));
    await store.applyPulled([{ synced: synced(alone, 5) }], state(5));
    expect((await store.getSynced(moved.id))?.item).toEqual(renamed);
    expect((await store.getSynced(alone.id))?.version).toBe(5);
    // The page left empty is gone; the other keeps what was not pulled again.
    const pages = await db.getAll('serverPages');
    expect(pages.map((page) => page.copies.map((c) => c.item.title))).toEqual([
      ['stays'],
      ['renamed'],
      ['alone'],
    ]);
    expect((await recentItems(db, 'team', 10)).map((i) => i.title).sort()).toEqual([
      'alone',
      'renamed',
      'stays',
    ]);
    // Search-queue entries name pages that no longer hold some of their items: found anyway.
    const queued = await peekSearchQueue(db, 100);
    expect(queued.missing).toEqual([]);
    expect(queued.items.map((i) => i.title).sort()).toEqual(['alone', 'renamed', 'stays']);
  });

  it.each([false, true])(
    'reads only current copies while superseded ones wait in their page (restarted: %s)',
    async (restarted) => {
      const first = idbSyncStore(db, 'team');
      const url = 'https://example.com/guide';
      const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((title, i) => ({
        ...tip(title),
        canonicalUrl: url,
        updatedAt: i,
      }));
      await first.applyPulled(
        six.map((item, i) => ({ synced: synced(item, i + 1) })),
        state(6),
      );
      const store = restarted ? idbSyncStore(db, 'team') : first;
      const a2 = { ...six[0]!, title: 'a, edited', canonicalUrl: 'https://example.com/other' };
      const e2 = { ...six[4]!, deletedAt: 9 };
      await store.applyPulled([{ synced: synced(a2, 7) }, { synced: synced(e2, 8) }], state(8));
      // Two of six superseded: the old page still holds them, and nothing shows them.
      expect((await db.get('serverPages', ['team', 6]))?.copies).toHaveLength(6);
      expect(await db.get('staleCopies', ['team', 6])).toEqual({ size: 6, ids: [a2.id, e2.id] });
      expect(await getItems(db, [a2.id, e2.id])).toEqual([a2, e2]);
      expect((await store.getSynced(a2.id))?.version).toBe(7);
      const titles = (items: { title: string }[]) => items.map((i) => i.title).sort();
      const live = ['a, edited', 'b', 'c', 'd', 'f'];
      expect(titles(await recentItems(db, 'team', 10))).toEqual(live);
      expect(titles(await recentItems(db, 'team', 2))).toEqual(['d', 'f']);
      expect(titles(await findByCanonicalUrl(db, 'team', url))).toEqual(['b', 'c', 'd', 'f']);
      expect(await countItems(db)).toBe(6);
      expect(titles((await peekSearchQueue(db, 100)).items)).toEqual([...live, 'e'].sort());
      // Half superseded: the page is rewritten without them.
      await store.applyPulled(
        [{ synced: synced({ ...six[1]!, title: 'b, edited' }, 9) }],
        state(9),
      );
      expect((await db.get('serverPages', ['team', 6]))?.copies.map((c) => c.item.title)).toEqual([
        'c',
        'd',
        'f',
      ]);
      expect(await db.get('staleCopies', ['team', 6])).toEqual({ size: 3, ids: [] });
      expect(titles(await recentItems(db, 'team', 10))).toEqual([
        'a, edited',
        'b, edited',
        'c',
        'd',
        'f',
      ]);
    },
  );

  it('shows a pending view over the server copy until a pull settles the item', async () => {
    const store = idbSyncStore(db, 'team');
    const item = tip('as pulled');
    await store.applyPulled([{ synced: synced(item, 1) }], state(1));
    const mine = { ...item, title: 'my edit' };
    await store.enqueue(endorse(1, item.id), synced(mine, 1));
    expect(await getItem(db, item.id)).toEqual(mine);
    // Pulled while the edit waits: the view stays on top of the new copy.
    await store.applyPulled(
      [{ synced: synced(item, 2), view: synced({ ...mine, tags: ['x'] }, 2) }],
      state(2),
    );
    expect(await getItem(db, item.id)).toEqual({ ...mine, tags: ['x'] });
    // Settled: nothing queued changes it any more, so the server copy is what shows.
    await store.acknowledge(1);
    await store.applyPulled([{ synced: synced(mine, 3) }], state(3));
    expect(await getItem(db, item.id)).toEqual(mine);
    expect(await db.count('views')).toBe(0);
  });

  it('drops a view on request: the server copy shows again, or nothing if there is none', async () => {
    const store = idbSyncStore(db, 'team');
    const [shared, refused] = [tip('on the server'), tip('never accepted')];
    await store.applyPulled([{ synced: synced(shared, 2) }], state(2));
    await store.enqueue(endorse(1, shared.id), synced({ ...shared, title: 'mine' }, 2));
    await store.enqueue(endorse(2, refused.id), synced(refused, 0));
    await store.setView(shared.id, undefined);
    await store.setView(refused.id, undefined);
    expect(await getItems(db, [shared.id, refused.id])).toEqual([shared, undefined]);
    // Both go through search again: one to be updated, the other removed.
    const queued = await peekSearchQueue(db, 100);
    expect(queued.items.map((i) => i.title)).toEqual(['on the server']);
    expect(queued.missing).toEqual([refused.id]);
  });

  it('lists deleted items that can be restored: shared copies, pending views, local tombstones', async () => {
    const store = idbSyncStore(db, 'team');
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((t) => tip(t));
    const gone = (item: typeof a, at: number) => ({ ...item!, deletedAt: at });
    // Page 1 deletes a and c; page 2 brings c back and deletes b.
    await store.applyPulled(
      [{ synced: synced(gone(a, 10), 1) }, { synced: synced(gone(c, 11), 2) }],
      state(2),
    );
    await store.applyPulled(
      [{ synced: synced(c!, 3) }, { synced: synced(gone(b, 12), 4) }, { synced: synced(d!, 5) }],
      state(5),
    );
    // d is deleted on this device, not yet pushed.
    await store.enqueue(endorse(1, d!.id), { ...synced(gone(d, 13), 5) });
    expect((await deletedItems(db, 'team', 10)).map((i) => i.title)).toEqual(['d', 'b', 'a']);
    expect((await deletedItems(db, 'team', 2)).map((i) => i.title)).toEqual(['d', 'b']);

    const mine = tip('mine', 'personal');
    await putItem(db, mine);
    expect(await deletedItems(db, 'personal', 10)).toEqual([]);
    await deleteItem(db, mine.id, 20);
    expect((await deletedItems(db, 'personal', 10)).map((i) => i.id)).toEqual([mine.id]);
    expect(await recentItems(db, 'personal', 10)).toEqual([]);
    await restoreItem(db, mine.id, 30);
    expect(await deletedItems(db, 'personal', 10)).toEqual([]);
    expect(await recentItems(db, 'personal', 10)).toEqual([
      { ...mine, deletedAt: null, updatedAt: 30 },
    ]);
  });

  it('reads a community’s settings as last pulled, the defaults before', async () => {
    expect(await communitySettings(db, 'team')).toEqual(DEFAULT_SETTINGS);
    const settings = { ...DEFAULT_SETTINGS, stanceMembers: 5, version: 7 };
    await idbSyncStore(db, 'team').applyPulled([], { ...state(7), settings });
    expect(await communitySettings(db, 'team')).toMatchObject({ stanceMembers: 5 });
    expect(await communitySettings(db, 'other')).toEqual(DEFAULT_SETTINGS);
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
    await setPrivateNote(db, shared, 'ask Ben first');
    await setPrivateNote(db, personal, 'mine to keep');
    await forgetCommunity(db, 'team');
    expect(await listMemberships(db)).toEqual([]);
    expect(await getItem(db, shared.id)).toBeUndefined();
    expect(await getItem(db, personal.id)).toEqual(personal);
    // Private notes leave with their community's items.
    expect(await getPrivateNote(db, shared.id)).toBe('');
    expect(await getPrivateNote(db, personal.id)).toBe('mine to keep');
  });
});

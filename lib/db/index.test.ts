import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tipItem } from '../repertoire';
import { type Item, type Mutation, type SyncedItem, uuidv7 } from '../wire';
import { sampleItem } from '../../test/support/items';
import { PersistedRelated } from '../related';
import {
  DB_NAME,
  DB_VERSION,
  deleteItem,
  ensurePersonalCommunity,
  findByCanonicalUrl,
  getItem,
  getItemMeta,
  getItems,
  listCommunities,
  openRepertoireDb,
  peekSearchQueue,
  putItem,
  recentItems,
  relatedStore,
  idbSyncStore,
  setPrivateNote,
  getPrivateNote,
  StorageFullError,
  type RepertoireDb,
} from '.';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const tip = (community: string, now: number, url: string | null = null, appliesTo: string[] = []) =>
  tipItem(
    { title: `tip ${now}`, body: 'body', tags: [], appliesTo, url },
    { community, author: null, now },
  );

/** Ids of the items the persisted related index finds for a URL, as the background would. */
async function relatedIds(db: RepertoireDb, url: string): Promise<string[]> {
  const index = new PersistedRelated(relatedStore(db));
  expect(await index.needsBuild()).toBe(false);
  return (await index.match(url)).map((hit) => hit.entry.id);
}

describe('storage', () => {
  it('creates every store and index from an empty browser (version 0)', async () => {
    const db = await openRepertoireDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'communities',
      'items',
      'memberships',
      'outbox',
      'privateNotes',
      'related',
      'search',
      'searchQueue',
      'serverPages',
      'staleCopies',
      'syncState',
      'views',
    ]);
    const tx = db.transaction('items');
    expect([...tx.store.indexNames].sort()).toEqual(['by-canonical-url', 'by-community-updated']);
    db.close();
  });

  it('keeps a private note until it is emptied', async () => {
    const db = await openRepertoireDb();
    const item = tip('personal', 1);
    await putItem(db, item);
    await setPrivateNote(db, item, 'first');
    await setPrivateNote(db, item, 'second');
    expect(await getPrivateNote(db, item.id)).toBe('second');
    await setPrivateNote(db, item, '');
    expect(await db.count('privateNotes')).toBe(0);
    expect(await getItemMeta(db, item.id)).toBeUndefined();
    db.close();
  });

  it('upgrades a database left by every older version, keeping its items', async () => {
    for (let old = 1; old < DB_VERSION; old++) {
      globalThis.indexedDB = new IDBFactory();
      const legacy = await openRepertoireDb(DB_NAME, old);
      const item = tip('personal', 1000 + old, null, ['github.com/acme/*']);
      await legacy.put('items', item);
      legacy.close();

      const db = await openRepertoireDb();
      expect(db.version).toBe(DB_VERSION);
      expect(await getItem(db, item.id)).toEqual(item);
      // The related index is built by the upgrade to v5 itself: nothing waits for a drain. From
      // v5 on writes keep it (this test writes around them), so later upgrades leave it be.
      expect(await relatedIds(db, 'https://github.com/acme/api')).toEqual(old < 5 ? [item.id] : []);
      expect(await relatedIds(db, 'https://github.com/other')).toEqual([]);
      // Before search existed (v1), items were not queued for indexing; the upgrade queues them.
      expect(await db.getAll('searchQueue')).toEqual(old < 2 ? [item.id] : []);
      // Private notes (v6) are kept beside the items, and read with what is shown beside them.
      await setPrivateNote(db, item, `note from v${old}`);
      expect(await getItemMeta(db, item.id)).toEqual({
        endorsements: [],
        marks: [],
        conflicts: [],
        privateNote: `note from v${old}`,
      });
      db.close();
    }
  });

  it("moves a v3 database's shared items into pages, keeping views only where mutations wait", async () => {
    const legacy = await openRepertoireDb(DB_NAME, 3);
    const untyped = legacy as unknown as IDBPDatabase;
    const membership = { communityId: 'team', name: 'Team', serverUrl: 'http://s', token: 't' };
    await untyped.put('memberships', { ...membership, memberId: 'm1', displayName: 'Ann' });
    const [plain, edited, endorsed] = [1, 2, 3].map((n) => tip('team', n));
    const personal = tip('personal', 4);
    const helped = { memberId: 'm2', name: 'Ben', at: 3 };
    const copies: SyncedItem[] = [plain!, edited!, endorsed!].map((item, i) => ({
      item: item,
      version: i + 1,
      fieldVersions: { title: i + 1 },
      endorsements: item === endorsed ? [helped] : [],
      conflicts: [],
    }));
    for (const copy of copies) await untyped.put('synced', copy, ['team', copy.item.id]);
    const editedView = { ...edited!, title: 'edited here, not yet pushed' };
    for (const item of [plain!, editedView, endorsed!, personal]) await legacy.put('items', item);
    await untyped.put('itemMeta', { endorsements: [helped], conflicts: [] }, endorsed!.id);
    const edit: Mutation = {
      op: 'set',
      seq: 1,
      itemId: edited!.id,
      kind: 'tip',
      at: 9,
      fields: { title: { value: editedView.title, base: 2 } },
    };
    await legacy.put('outbox', edit, ['team', 1]);
    legacy.close();

    const db = await openRepertoireDb();
    expect([...db.objectStoreNames]).not.toContain('synced');
    expect([...db.objectStoreNames]).not.toContain('itemMeta');
    expect(await getItems(db, [plain!.id, edited!.id, personal.id])).toEqual([
      plain,
      editedView,
      personal,
    ]);
    expect(await getItemMeta(db, endorsed!.id)).toEqual({
      endorsements: [helped],
      marks: [],
      conflicts: [],
    });
    expect(await db.count('views')).toBe(1);
    expect(await db.count('items')).toBe(1);
    const store = idbSyncStore(db, 'team');
    expect((await store.getSynced(edited!.id))?.item).toEqual(edited);
    expect(await store.outbox()).toEqual([edit]);
    expect((await recentItems(db, 'team', 10)).map((i) => i.title)).toEqual([
      endorsed!.title,
      editedView.title,
      plain!.title,
    ]);
    db.close();
  });

  it("builds the related index of a v4 database's pulled pages: newest copy, views, tombstones", async () => {
    const legacy = await openRepertoireDb(DB_NAME, 4);
    const store = idbSyncStore(legacy, 'team');
    const copy = (item: Item, version: number): SyncedItem => ({
      item,
      version,
      fieldVersions: {},
      endorsements: [],
      conflicts: [],
    });
    const state = (cursor: number) => ({
      clientId: 'c',
      nextSeq: 1,
      clock: 0,
      cursor,
      lastSyncedAt: null,
    });
    const [moved, deleted, viewed, kept] = [1, 2, 3, 4].map((n) =>
      tip('team', n, null, ['old.example']),
    );
    await store.applyPulled(
      [moved!, deleted!, viewed!, kept!].map((item, i) => ({ synced: copy(item, i + 1) })),
      state(4),
    );
    // A later page supersedes two copies: one now applies elsewhere, one is a tombstone.
    await store.applyPulled(
      [
        { synced: copy({ ...moved!, appliesTo: ['new.example'] }, 5) },
        { synced: copy({ ...deleted!, deletedAt: 6 }, 6) },
      ],
      state(6),
    );
    const view = { ...viewed!, appliesTo: ['new.example'] };
    await store.enqueue(
      { op: 'endorse', seq: 1, itemId: view.id, at: 1, endorsed: true },
      copy(view, 3),
    );
    const clipped = sampleItem('page', { community: 'personal', url: 'https://new.example/a' });
    await legacy.put('items', clipped);
    legacy.close();

    const db = await openRepertoireDb();
    expect((await relatedIds(db, 'https://old.example/')).sort()).toEqual([kept!.id]);
    expect((await relatedIds(db, 'https://new.example/b')).sort()).toEqual(
      [moved!.id, view.id].sort(),
    );
    expect((await relatedIds(db, 'https://new.example/a')).sort()).toEqual(
      [moved!.id, view.id, clipped.id].sort(),
    );
    db.close();
  });

  it('reads shared items, from pulled pages and pending views, like local ones', async () => {
    const db = await openRepertoireDb();
    const store = idbSyncStore(db, 'team');
    const url = 'https://example.com/a';
    const copy = (item: ReturnType<typeof tip>, version: number): SyncedItem => ({
      item,
      version,
      fieldVersions: {},
      endorsements: [],
      conflicts: [],
    });
    const [old, clipped, gone, pending] = [1000, 2000, 3000, 4000].map((n) => tip('team', n));
    const withUrl = { ...clipped!, canonicalUrl: url };
    const deleted = { ...gone!, deletedAt: 3500 };
    await store.applyPulled(
      [old!, withUrl, deleted, pending!].map((item, i) => ({ synced: copy(item, i + 1) })),
      { clientId: 'c', nextSeq: 1, clock: 0, cursor: 4, lastSyncedAt: null },
    );
    const view = { ...pending!, title: 'my pending edit', updatedAt: 500 };
    const endorse: Mutation = { op: 'endorse', seq: 1, itemId: view.id, at: 1, endorsed: true };
    await store.enqueue(endorse, copy(view, 4));
    await putItem(db, tip('team', 2500));
    const local = await getItem(db, (await recentItems(db, 'team', 1))[0]!.id);

    expect((await recentItems(db, 'team', 10)).map((i) => i.updatedAt)).toEqual([
      2500, 2000, 1000, 500,
    ]);
    expect((await recentItems(db, 'team', 2)).map((i) => i.updatedAt)).toEqual([2500, 2000]);
    expect(await findByCanonicalUrl(db, 'team', url)).toEqual([withUrl]);
    expect(await findByCanonicalUrl(db, 'personal', url)).toEqual([]);
    expect(await getItem(db, view.id)).toEqual(view);
    expect(await getItem(db, deleted.id)).toEqual(deleted);
    expect(local?.community).toBe('team');
    // The pulled page is read whole for search; the pending view wins over its copy.
    const peeked = await peekSearchQueue(db, 100);
    expect(peeked.ids).toBe(6);
    expect(peeked.items.map((i) => i.title).sort()).toEqual(
      [old!, withUrl, deleted, view, local!].map((i) => i.title).sort(),
    );
    expect(peeked.missing).toEqual([]);
  });

  it('has a Personal community from first run, created once', async () => {
    const db = await openRepertoireDb();
    await ensurePersonalCommunity(db, 1);
    await ensurePersonalCommunity(db, 2);
    expect(await listCommunities(db)).toEqual([
      { id: 'personal', name: 'Personal', local: true, createdAt: 1 },
    ]);
  });

  it('lists recent live items of one community, newest first, and keeps tombstones', async () => {
    const db = await openRepertoireDb();
    const a = tip('personal', 1000);
    const b = tip('personal', 2000);
    const other = tip('team', 3000);
    for (const item of [a, b, other]) await putItem(db, item);
    expect((await recentItems(db, 'personal', 10)).map((i) => i.id)).toEqual([b.id, a.id]);
    expect(await recentItems(db, 'personal', 1)).toHaveLength(1);

    await deleteItem(db, a.id, 5000);
    expect((await recentItems(db, 'personal', 10)).map((i) => i.id)).toEqual([b.id]);
    expect(await getItem(db, a.id)).toMatchObject({ deletedAt: 5000, updatedAt: 5000 });
  });

  it('finds live items of a community by canonical URL', async () => {
    const db = await openRepertoireDb();
    const item = { ...tip('personal', 1000), canonicalUrl: 'https://example.com/a' };
    await putItem(db, item);
    await putItem(db, { ...tip('team', 1000), canonicalUrl: 'https://example.com/a' });
    expect(
      (await findByCanonicalUrl(db, 'personal', 'https://example.com/a')).map((i) => i.id),
    ).toEqual([item.id]);
    await deleteItem(db, item.id);
    expect(await findByCanonicalUrl(db, 'personal', 'https://example.com/a')).toEqual([]);
  });

  it('turns a quota failure into StorageFullError and keeps what was stored', async () => {
    const db = await openRepertoireDb();
    const kept = tip('personal', 1000);
    await putItem(db, kept);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(putItem(db, tip('personal', 2000))).rejects.toBeInstanceOf(StorageFullError);
    put.mockRestore();
    expect(await getItem(db, kept.id)).toEqual(kept);
  });

  it('makes sortable UUIDv7 ids', () => {
    const early = uuidv7(1_000);
    const late = uuidv7(2_000);
    expect(early < late).toBe(true);
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DB_NAME,
  deleteItem,
  openRepertoireDb,
  peekSearchQueue,
  putItem,
  putItems,
  searchStore,
} from '../db';
import { createSearchIndex } from '../search';
import { createIndexer } from './indexing';
import { tipItem } from './items';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const tip = (title: string, now: number) =>
  tipItem(
    { title, body: `${title} body`, tags: [], appliesTo: [], url: null },
    { community: 'personal', author: null, now },
  );

async function titlesFor(query: string) {
  const db = await openRepertoireDb();
  const index = await createSearchIndex(searchStore(db));
  const hits = await index.search(query);
  db.close();
  return hits.map((h) => h.title);
}

describe('search indexing', () => {
  it('indexes what was written, drops what was deleted, and empties the queue', async () => {
    const db = await openRepertoireDb();
    const indexer = createIndexer(db);
    const rebase = tip('Rebase onto main', 1);
    await putItems(db, [rebase, tip('Stash your changes', 2)]);
    expect(await indexer.drain()).toBe(2);
    expect(await titlesFor('rebase')).toEqual(['Rebase onto main']);

    await deleteItem(db, rebase.id);
    await indexer.drain();
    expect(await titlesFor('rebase')).toEqual([]);
    expect(await db.count('searchQueue')).toBe(0);
  });

  it('drains what a crash left queued', async () => {
    const db = await openRepertoireDb();
    await putItem(db, tip('Bisect a regression', 1));
    db.close();
    // A fresh context (the service worker restarting) finds the queue and indexes it.
    const again = await openRepertoireDb();
    expect(await createIndexer(again).drain()).toBe(1);
    expect(await titlesFor('bisect')).toEqual(['Bisect a regression']);
  });

  it('indexes items stored before search existed when upgrading from version 1', async () => {
    const v1 = await openRepertoireDb(DB_NAME, 1);
    await v1.put('items', tip('Cherry-pick a fix', 1));
    await v1.put('items', tip('Sign your commits', 2));
    v1.close();

    const db = await openRepertoireDb();
    expect(await db.count('items')).toBe(2);
    expect(await createIndexer(db).drain()).toBe(2);
    expect(await titlesFor('cherry')).toEqual(['Cherry-pick a fix']);
  });

  it('indexes everything again when the stored index was dropped (a new format)', async () => {
    const db = await openRepertoireDb();
    await putItems(db, [tip('Prune stale branches', 1), tip('Squash before merge', 2)]);
    await createIndexer(db).drain();
    await searchStore(db).clear();
    expect(await titlesFor('prune')).toEqual([]);
    const indexer = createIndexer(db);
    // A start with nothing queued leaves the index closed; opening it (on an update) finds it empty.
    expect(await indexer.drain()).toBe(0);
    await indexer.open();
    expect(await indexer.drain()).toBe(2);
    expect(await titlesFor('prune')).toEqual(['Prune stale branches']);
  });

  it('takes a large queue in batches bounded by text size, losing nothing', async () => {
    const db = await openRepertoireDb();
    const tips = Array.from({ length: 5 }, (_, i) => tip(`Large tip ${i} ${'x'.repeat(1_000)}`, i));
    await putItems(db, tips);
    const first = await peekSearchQueue(db, 100, 2_000);
    // Each tip's body is just over 1,000 characters: the second one passes 2,000, and ends it.
    expect(first.items).toHaveLength(2);
    expect(first.keys).toHaveLength(2);
    expect(await createIndexer(db).drain()).toBe(5);
    expect(await db.count('searchQueue')).toBe(0);
  });

  it('takes entries of many ids whole, counting ids, and does not queue them twice on open', async () => {
    const db = await openRepertoireDb();
    const tips = Array.from({ length: 5 }, (_, i) => tip(`Batched tip ${i}`, i));
    await putItems(db, tips.slice(0, 1));
    const [a, b, c, d, e] = tips.map((t) => t.id) as [string, string, string, string, string];
    await db.put('items', tips[1]!);
    await db.put('items', tips[2]!);
    await db.put('items', tips[3]!);
    await db.put('items', tips[4]!);
    await db.add('searchQueue', [b, c, d]);
    await db.add('searchQueue', e);
    const first = await peekSearchQueue(db, 3);
    expect(first.ids).toBe(4);
    expect(first.keys).toHaveLength(2);
    expect(first.items.map((t) => t.id).sort()).toEqual([a, b, c, d].sort());
    // Opening an empty index counts queued ids, not entries: nothing is queued again.
    expect(await createIndexer(db).drain()).toBe(5);
    expect(await db.count('searchQueue')).toBe(0);
    expect(await titlesFor('batched')).toHaveLength(5);
  });

  it('counts the whole queue, also past the entries a batch reads', async () => {
    const db = await openRepertoireDb();
    for (let i = 0; i < 5; i++) await putItem(db, tip(`Single write ${i}`, i));
    const first = await peekSearchQueue(db, 2);
    expect([first.ids, first.queued]).toEqual([2, 5]);
  });

  it('tells how far a run of indexing has got, batch by batch, then that it is done', async () => {
    const db = await openRepertoireDb();
    for (let i = 0; i < 5; i++) await putItem(db, tip(`Progress tip ${i}`, i));
    const indexer = createIndexer(db, undefined, { batch: 2 });
    const told: unknown[] = [];
    const stop = indexer.subscribe((progress) => told.push(progress));
    expect(indexer.progress()).toBeNull();
    expect(await indexer.drain()).toBe(5);
    expect(told).toEqual([
      { indexed: 0, total: 5 },
      { indexed: 2, total: 5 },
      { indexed: 4, total: 5 },
      { indexed: 5, total: 5 },
      null,
    ]);
    expect(indexer.progress()).toBeNull();
    // A drain with nothing queued tells nothing; an unsubscribed listener hears nothing.
    await indexer.drain();
    stop();
    await putItem(db, tip('After unsubscribing', 9));
    await indexer.drain();
    expect(told).toHaveLength(5);
  });

  it('shares one waiting drain between the calls made while another runs', async () => {
    const db = await openRepertoireDb();
    await putItem(db, tip('First write', 1));
    const indexer = createIndexer(db);
    const running = indexer.drain();
    await putItem(db, tip('Second write', 2));
    const [a, b] = [indexer.drain(), indexer.drain()];
    expect(a).toBe(b);
    expect(a).not.toBe(running);
    // Each write is indexed once, by whichever drain found it queued.
    expect((await running) + (await a)).toBe(2);
    expect(await titlesFor('write')).toHaveLength(2);
  });

  it('stops part-way within a budget, with what is done already searchable', async () => {
    const db = await openRepertoireDb();
    for (let i = 0; i < 3; i++) await putItem(db, tip(`Budget tip ${i}`, i));
    let left = 2;
    let release = () => {};
    const released = new Promise<void>((ok) => (release = ok));
    const budget = {
      async allow(wanted: number) {
        if (left === 0) await released;
        return left === 0 ? wanted : Math.min(wanted, left);
      },
      async spend(ids: number) {
        left = Math.max(0, left - ids);
      },
    };
    const indexer = createIndexer(db, undefined, { batch: 10, budget });
    const drained = indexer.drain();
    await expect.poll(() => indexer.progress()).toEqual({ indexed: 2, total: 3 });
    expect(await titlesFor('budget')).toHaveLength(2);
    release();
    expect(await drained).toBe(3);
    expect(indexer.progress()).toBeNull();
    expect(await titlesFor('budget')).toHaveLength(3);
  });
});

import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, expect, it } from 'vitest';
import { sampleItem } from '../../test/support/items';
import type { Item, SyncedItem } from '../wire';
import { openRepertoireDb, putItems, readLibrary } from '.';
import { idbSyncStore } from './sync-store-idb';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

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

it('reads every live item of every community, each as it currently is, without bodies', async () => {
  const db = await openRepertoireDb();
  const local = Array.from({ length: 2_500 }, (_, i) =>
    sampleItem(i % 2 ? 'page' : 'snippet', { community: 'personal', title: `local ${i}` }),
  );
  const goneLocal = sampleItem('tip', { community: 'personal', deletedAt: 5 });
  await putItems(db, [...local, goneLocal]);

  const store = idbSyncStore(db, 'team');
  const [kept, edited, deleted, pending] = ['kept', 'edited', 'deleted', 'pending'].map((title) =>
    sampleItem('tip', { community: 'team', title, tool: 'jira', appliesTo: ['tool:figma'] }),
  );
  await store.applyPulled(
    [kept!, edited!, deleted!, pending!].map((item, i) => ({ synced: copy(item, i + 1) })),
    state(4),
  );
  // A later page supersedes two copies: an edit, and a deletion.
  await store.applyPulled(
    [
      { synced: copy({ ...edited!, title: 'edited again' }, 5) },
      { synced: copy({ ...deleted!, deletedAt: 9 }, 6) },
    ],
    state(6),
  );
  await store.enqueue(
    { op: 'endorse', seq: 1, itemId: pending!.id, at: 1, endorsed: true },
    copy({ ...pending!, title: 'my pending edit' }, 4),
  );

  const progress: number[] = [];
  const entries = await readLibrary(db, (n) => progress.push(n));
  expect(entries).toHaveLength(2_503);
  const titles = new Set(entries.map((e) => e.title));
  for (const title of ['kept', 'edited again', 'my pending edit', 'local 0', 'local 2499']) {
    expect(titles).toContain(title);
  }
  for (const title of ['edited', 'deleted', 'pending']) expect(titles).not.toContain(title);
  expect(entries.some((e) => e.id === goneLocal.id)).toBe(false);
  // Told as it goes, in more than one step.
  expect(progress.length).toBeGreaterThan(2);
  expect(progress.at(-1)).toBe(2_505);

  const tip = entries.find((e) => e.title === 'kept');
  expect(tip).toMatchObject({ kind: 'tip', community: 'team', tools: ['Jira', 'Figma'] });
  // An entry holds what lists and filters need, never the body.
  const page = entries.find((e) => e.kind === 'page');
  expect(Object.keys(page!).sort()).toEqual(
    [
      'author',
      'community',
      'createdAt',
      'id',
      'kind',
      'site',
      'tags',
      'title',
      'tools',
      'updatedAt',
    ].sort(),
  );
  db.close();
});

it('reads an empty repertoire as no entries', async () => {
  const db = await openRepertoireDb();
  expect(await readLibrary(db)).toEqual([]);
  db.close();
});

/**
 * A community's paths and stances, as the popup and the panel read them: listed by the related
 * index as the background keeps it (writes and pulled pages drained into it), then read by id.
 */
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { PersistedRelated } from '../related';
import { createIndexer } from '../repertoire';
import type { Item, SyncedItem } from '../wire';
import { sampleItem } from '../../test/support/items';
import {
  deleteItem,
  idbSyncStore,
  itemsOfKinds,
  openRepertoireDb,
  putItem,
  rebuildRelated,
  relatedStore,
  type RepertoireDb,
} from '.';

const GUILD = 'guild';
let db: RepertoireDb;
let index: PersistedRelated;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
  index = new PersistedRelated(relatedStore(db));
});

/** Indexed as the background does after every write and sync. */
const drain = () => createIndexer(db, (items, removed) => index.apply(items, removed)).drain();
const listed = async (kinds: ('path' | 'stance')[] = ['path', 'stance']) =>
  (await itemsOfKinds(db, index, GUILD, kinds)).map((item) => [item.kind, item.title]).sort();
const synced = (item: Item, version: number): SyncedItem => ({
  item,
  version,
  fieldVersions: {},
  endorsements: [],
  conflicts: [],
});
const pulled = (item: Item, version: number) =>
  idbSyncStore(db, GUILD).applyPulled([{ synced: synced(item, version) }], {
    clientId: 'client-1',
    nextSeq: 1,
    clock: version,
    cursor: version,
    lastSyncedAt: null,
  });

describe('itemsOfKinds', () => {
  it('reads the paths written here as they are now, until deleted', async () => {
    const path = sampleItem('path', { community: GUILD, title: 'Start here' });
    await putItem(db, path);
    await putItem(db, sampleItem('path', { community: 'other' }));
    await putItem(db, sampleItem('tip', { community: GUILD }));
    await drain();
    expect(await listed()).toEqual([['path', 'Start here']]);
    await putItem(db, { ...path, title: 'Start here first' });
    await drain();
    expect(await listed()).toEqual([['path', 'Start here first']]);
    await deleteItem(db, path.id);
    await drain();
    expect(await listed()).toEqual([]);
  });

  it('reads a stance a pulled page brings, of the kinds asked for, until a page deletes it', async () => {
    const stance = sampleItem('stance', { community: GUILD, title: 'Adopt Jira' });
    await pulled(stance, 1);
    await putItem(db, sampleItem('path', { community: GUILD, title: 'Start here' }));
    await drain();
    expect(await listed()).toEqual([
      ['path', 'Start here'],
      ['stance', 'Adopt Jira'],
    ]);
    expect(await listed(['stance'])).toEqual([['stance', 'Adopt Jira']]);
    await pulled({ ...stance, title: 'Trial Jira' }, 2);
    await drain();
    expect(await listed(['stance'])).toEqual([['stance', 'Trial Jira']]);
    await pulled({ ...stance, deletedAt: 3 }, 3);
    await drain();
    expect(await listed(['stance'])).toEqual([]);
  });

  it('reads only what the index lists: a path it has not followed yet is not read', async () => {
    await putItem(db, sampleItem('path', { community: GUILD, title: 'Start here' }));
    // Walking the stored items would find it; the index has not been given the write yet.
    expect(await listed()).toEqual([]);
    await drain();
    expect(await listed()).toEqual([['path', 'Start here']]);
  });

  it('finds them once an index stored in format 2, which did not list them, is rebuilt', async () => {
    await pulled(sampleItem('stance', { community: GUILD, title: 'Adopt Jira' }), 1);
    await drain();
    const records = await db.getAllKeys('related');
    // As format 2 left it: the same records but the `ps:` ones.
    await relatedStore(db).put([
      ['format', { format: 2 }],
      ...records.filter((key) => key.startsWith('ps:')).map((key) => [key, null] as const),
    ]);
    expect(await listed()).toEqual([]);
    expect(await index.needsBuild()).toBe(true);
    await rebuildRelated(db);
    index.reset();
    expect(await index.needsBuild()).toBe(false);
    expect(await listed()).toEqual([['stance', 'Adopt Jira']]);
  });
});

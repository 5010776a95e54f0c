import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  deleteItem,
  idbSyncStore,
  openRepertoireDb,
  putItem,
  relatedStore,
  saveMembership,
  type RepertoireDb,
} from '../db';
import type { PanelTip } from '../messaging';
import { PersistedRelated } from '../related';
import { createIndexer } from '../repertoire';
import type { Item, Mark, PathItem, StanceItem, SyncedItem } from '../wire';
import { sampleItem } from '../../test/support/items';
import { communityLines, type CommunityLines } from './paths-stances';

const GUILD = 'guild';
const JIRA = 'https://acme.atlassian.net/browse/OPS-1';
const TAB = 7;

const tip = sampleItem('tip', { community: GUILD, title: 'Link the ticket', author: 'Ana' });
const shown: PanelTip = {
  id: tip.id,
  kind: 'tip',
  title: tip.title,
  text: '',
  author: 'Ana',
  why: 'Applies to Jira',
  helped: false,
};
const path = sampleItem('path', {
  community: GUILD,
  steps: [
    { itemId: 'another-tip', note: 'First' },
    { itemId: tip.id, note: 'Then this' },
  ],
}) as PathItem;
const stance = sampleItem('stance', {
  community: GUILD,
  subject: 'tool:jira',
  updatedAt: 0,
}) as StanceItem;
// Three members of two teams agreed long ago: the stance is the community's by default settings.
const agree = (memberId: string, team: string): Mark => ({
  kind: 'agree',
  on: true,
  memberId,
  name: memberId,
  team,
  at: 1,
  markedAt: 1_000,
});
const marks = [agree('ana', 'infra'), agree('ben', 'infra'), agree('cy', 'web')];

let db: RepertoireDb;
let lines: CommunityLines;
/** Indexed as the background does: the related index follows the write, then lines forget. */
let drain: () => Promise<number>;

async function pulled(item: Item, version: number) {
  const copy: SyncedItem = {
    item,
    version,
    fieldVersions: {},
    endorsements: [],
    marks,
    conflicts: [],
  };
  await idbSyncStore(db, GUILD).applyPulled([{ synced: copy }], {
    clientId: 'client-1',
    nextSeq: 1,
    clock: version,
    cursor: version,
    lastSyncedAt: null,
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
  await saveMembership(db, {
    communityId: GUILD,
    name: 'Platform guild',
    serverUrl: 'http://127.0.0.1:9',
    token: 'token',
    memberId: 'ana',
    displayName: 'Ana',
    role: 'member',
    memberCount: 3,
    joinedAt: 1,
  });
  const index = new PersistedRelated(relatedStore(db));
  lines = communityLines(() => Promise.resolve(db), Promise.resolve(index));
  const indexer = createIndexer(db, async (items, removed) => {
    await index.apply(items, removed);
    lines.forget(items, removed);
  });
  drain = () => indexer.drain();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the panel’s Start here and stance lines', () => {
  it('say the step and the agreed stance, and follow their edits and deletions', async () => {
    await putItem(db, path);
    await pulled(stance, 1);
    await drain();
    expect(await lines.linesFor(JIRA, [shown], TAB)).toEqual({
      pathStep: {
        line: 'Start here · step 2 of 2',
        note: 'Then this',
        title: tip.title,
        author: 'Ana',
      },
      stances: [
        { id: stance.id, line: 'Community stance: Adopt — 3 members, 2 teams', subject: 'Jira' },
      ],
    });

    await putItem(db, { ...path, steps: [{ itemId: tip.id, note: 'Only this' }] });
    await pulled({ ...stance, position: 'hold' }, 2);
    await drain();
    expect(await lines.linesFor(JIRA, [shown], TAB)).toMatchObject({
      pathStep: { line: 'Start here · step 1 of 1', note: 'Only this' },
      stances: [{ line: 'Community stance: Hold — 3 members, 2 teams' }],
    });

    await deleteItem(db, path.id);
    await pulled({ ...stance, deletedAt: 3 }, 3);
    await drain();
    expect(await lines.linesFor(JIRA, [shown], TAB)).toEqual({});
  });

  it('come from the paths and stances the index lists, without walking every stored copy', async () => {
    await pulled(stance, 1);
    await putItem(db, path);
    // Stored, not indexed yet: a walk of the stored items would find both.
    expect(await lines.linesFor(JIRA, [shown], TAB)).toEqual({});
    await drain();
    const walks = vi.spyOn(IDBObjectStore.prototype, 'openCursor');
    const found = await lines.linesFor(JIRA, [shown], TAB);
    expect(found.pathStep?.line).toBe('Start here · step 2 of 2');
    expect(found.stances).toHaveLength(1);
    expect((walks.mock.contexts as IDBObjectStore[]).map((store) => store.name)).not.toContain(
      'serverPages',
    );
  });
});

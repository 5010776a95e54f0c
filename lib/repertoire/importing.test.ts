/**
 * Import over fake IndexedDB: candidates from another tool's file and records from our own
 * become items of the chosen community, nothing twice, every refusal in words; into a shared
 * community through its outbox, after the secret scan.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  exportRecords,
  idbSyncStore,
  openRepertoireDb,
  PERSONAL_COMMUNITY_ID,
  putItems,
  setPrivateNote,
  type RepertoireDb,
} from '../db';
import type { ImportCandidate } from '../portable';
import { SyncEngine, type SyncTransport } from '../sync';
import type { Item, PathItem, TipItem } from '../wire';
import { FAKE_SECRETS } from '../../test/fixtures/fake-secrets';
import { sampleItem } from '../../test/support/items';
import { importBatch, type ImportTarget } from './importing';

const NOW = Date.UTC(2026, 11, 1);
const GITHUB_TOKEN = FAKE_SECRETS.find((f) => f.name === 'GitHub classic token')!.secret;
const link = (url: string, title: string, tags: string[] = []): ImportCandidate => ({
  kind: 'link',
  url,
  title,
  tags,
  note: '',
  createdAt: Date.UTC(2024, 0, 2),
});

let db: RepertoireDb;
let engine: SyncEngine | undefined;
beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
});
afterEach(() => {
  engine?.close();
  engine = undefined;
  db.close();
});

const personal = (): ImportTarget => ({
  db,
  engine: null,
  authoring: { community: PERSONAL_COMMUNITY_ID, author: 'Ana', now: NOW },
});

describe('importing another tool’s file', () => {
  it('keeps bookmarks as links with their folders as tags and their date, and a second import adds nothing', async () => {
    const candidates = [
      link('https://example.com/guide#part-2', 'The guide', ['work', 'docs']),
      link('https://example.org/', 'Home'),
      // The same page twice in one file (two folders): once.
      link('https://example.org/', 'Home again'),
    ];
    const first = await importBatch(personal(), { from: 'candidates', candidates });
    expect(first).toEqual({ imported: 2, already: 1, refused: [] });
    const stored = (await exportRecords(db, PERSONAL_COMMUNITY_ID)).map((r) => r.item);
    const guide = stored.find((i) => i.title === 'The guide')!;
    expect(guide).toMatchObject({
      kind: 'page',
      url: 'https://example.com/guide#part-2',
      canonicalUrl: 'https://example.com/guide',
      tags: ['work', 'docs'],
      author: 'Ana',
      createdAt: Date.UTC(2024, 0, 2),
    });
    expect(await importBatch(personal(), { from: 'candidates', candidates })).toEqual({
      imported: 0,
      already: 3,
      refused: [],
    });
    expect(await exportRecords(db, PERSONAL_COMMUNITY_ID)).toHaveLength(2);
  });

  it('keeps highlights as snippets where they sit, and one with no position as a link with its quote', async () => {
    const highlight = (position: { start: number; end: number } | null): ImportCandidate => ({
      kind: 'snippet',
      url: 'https://example.com/post',
      sourceTitle: 'A post',
      exact: 'the exact words',
      prefix: 'before ',
      suffix: ' after',
      position,
      tags: ['reading'],
      note: 'Worth rereading',
      createdAt: null,
    });
    const tally = await importBatch(personal(), {
      from: 'candidates',
      candidates: [highlight({ start: 7, end: 22 }), highlight(null)],
    });
    expect(tally.imported).toBe(2);
    const stored = (await exportRecords(db, PERSONAL_COMMUNITY_ID)).map((r) => r.item);
    const [snippet, kept] = ['snippet', 'page'].map((kind) => stored.find((i) => i.kind === kind));
    expect(snippet).toMatchObject({
      kind: 'snippet',
      quote: 'the exact words',
      note: 'Worth rereading',
      selectors: [
        {
          type: 'TextQuoteSelector',
          exact: 'the exact words',
          prefix: 'before ',
          suffix: ' after',
        },
        { type: 'TextPositionSelector', start: 7, end: 22 },
      ],
    });
    expect(kept).toMatchObject({ kind: 'page', note: '> the exact words\n\nWorth rereading' });
  });

  it('refuses, in words, what the wire would refuse, and imports the rest', async () => {
    const tally = await importBatch(personal(), {
      from: 'candidates',
      candidates: [
        link('https://example.com/ok', 'Fine'),
        link(`https://example.com/${'x'.repeat(5000)}`, 'Too long'),
      ],
    });
    expect(tally.imported).toBe(1);
    expect(tally.refused).toEqual([
      {
        what: '“Too long”',
        why: expect.stringMatching(/^It is not an item Repertoire keeps \(url: .+\)\. Correct it/),
      },
    ]);
  });
});

describe('importing our own JSON export', () => {
  it('restores a backup with every field, the ids that paths point to, and private notes; twice adds nothing', async () => {
    const tip = sampleItem('tip', {
      community: PERSONAL_COMMUNITY_ID,
      title: 'Rebase',
      reviewIntervalDays: 30,
    });
    const path = sampleItem('path', {
      community: PERSONAL_COMMUNITY_ID,
      steps: [{ itemId: tip.id, note: 'First' }],
    }) as PathItem;
    await putItems(db, [tip, path]);
    await setPrivateNote(db, tip, 'only mine');
    const records = await exportRecords(db, PERSONAL_COMMUNITY_ID);

    db.close();
    globalThis.indexedDB = new IDBFactory();
    db = await openRepertoireDb();
    expect(await importBatch(personal(), { from: 'json', records })).toEqual({
      imported: 2,
      already: 0,
      refused: [],
    });
    expect(await exportRecords(db, PERSONAL_COMMUNITY_ID)).toEqual(records);
    expect((await importBatch(personal(), { from: 'json', records })).already).toBe(2);
  });
});

describe('importing into a shared community', () => {
  const transport: SyncTransport = {
    push: () => Promise.reject(new Error('not in this test')),
    pull: () => Promise.reject(new Error('not in this test')),
  } as unknown as SyncTransport;
  const shared = async (): Promise<ImportTarget> => {
    engine = await SyncEngine.open({
      store: idbSyncStore(db, 'team'),
      transport,
      me: { communityId: 'team', memberId: 'm-ana', displayName: 'Ana' },
      debounceMs: 60_000,
    });
    return { db, engine, authoring: { community: 'team', author: 'Ana', now: NOW } };
  };

  it('queues the items in the outbox, refuses one holding a secret, and finds them there on a second import', async () => {
    const target = await shared();
    const candidates = [
      link('https://example.com/a', 'Fine'),
      { ...link('https://example.com/b', 'Leaky'), note: `token ${GITHUB_TOKEN} here` },
    ];
    const tally = await importBatch(target, { from: 'candidates', candidates });
    expect(tally.imported).toBe(1);
    expect(tally.refused).toEqual([
      { what: '“Leaky”', why: expect.stringContaining('so it was not shared') },
    ]);
    const outbox = await idbSyncStore(db, 'team').outbox();
    expect(outbox.map((m) => m.op === 'set' && m.fields.title?.value)).toEqual(['Fine']);
    expect(
      (await importBatch(target, { from: 'candidates', candidates: [candidates[0]!] })).already,
    ).toBe(1);
  });

  it('gives records from another community new ids, with path steps and answers following them', async () => {
    const question = sampleItem('question', { community: PERSONAL_COMMUNITY_ID });
    const tip = sampleItem('tip', {
      community: PERSONAL_COMMUNITY_ID,
      answers: [question.id],
    }) as TipItem;
    const path = sampleItem('path', {
      community: PERSONAL_COMMUNITY_ID,
      steps: [{ itemId: tip.id, note: '' }],
    }) as PathItem;
    const records = [question, tip, path].map((item: Item) => ({ item }));
    const target = await shared();
    expect((await importBatch(target, { from: 'json', records })).imported).toBe(3);
    const moved = (await exportRecords(db, 'team')).map((r) => r.item);
    const [q, t, p] = [question, tip, path].map((old) => moved.find((m) => m.kind === old.kind)!);
    expect(q!.id).not.toBe(question.id);
    expect((t as TipItem).answers).toEqual([q!.id]);
    expect((p as PathItem).steps).toEqual([{ itemId: t!.id, note: '' }]);
  });
});

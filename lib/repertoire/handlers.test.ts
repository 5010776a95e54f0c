/**
 * The review gate of the background's write handlers: what goes to a shared community is scanned
 * and held until the member chooses. The sync engine is a recorder here; the real one, with the
 * real server, is in test/e2e/secrets.test.ts.
 */
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FAKE_SECRETS } from '../../test/fixtures/fake-secrets';
import { sampleItem } from '../../test/support/items';
import { runInTab, type SelectionCapture } from '../capture';
import {
  deleteItem,
  getItem,
  getPrivateNote,
  openRepertoireDb,
  putItem,
  recentItems,
  type RepertoireDb,
} from '../db';
import type { Item, TipItem } from '../wire';
import { createHandlers } from './handlers';
import { snippetItem, tipItem } from './items';
import { tipDraft } from './settings';
import type { SyncHub } from '../sync';

vi.mock('../capture/run-in-tab', () => ({ runInTab: vi.fn() }));

const KEY = FAKE_SECRETS[0]!.secret;
const SHARED = 'guild';

let db: RepertoireDb;
let created: Item[];
let edited: { id: string; kind: string; changes: Partial<TipItem> }[];
let handlers: ReturnType<typeof createHandlers>;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
  created = [];
  edited = [];
  const engine = {
    create: async (item: Item) => void created.push(item),
    edit: async (id: string, kind: string, changes: Partial<TipItem>) =>
      void edited.push({ id, kind, changes }),
  };
  const hub = {
    engineFor: async (community: string) => (community === SHARED ? engine : undefined),
    membershipOf: async () => ({ displayName: 'Ana' }),
  } as unknown as SyncHub;
  handlers = createHandlers(
    async () => db,
    hub,
    async () => undefined,
  );
});

const draft = (body: string) => ({ title: 'Deploy', body, tags: '', appliesTo: '' });
const none = {};

async function held(result: Awaited<ReturnType<typeof handlers.saveTip>>) {
  if (result.ok || !('review' in result)) throw new Error('expected a review');
  return result.review;
}

describe('sharing to a shared community', () => {
  it('holds a tip with a secret, writes it once after the choice, redacted', async () => {
    await tipDraft.setValue(draft(`key ${KEY}`));
    const review = await held(
      await handlers.saveTip({ community: SHARED, draft: draft(`key ${KEY}`), url: null }, none),
    );
    expect(created).toEqual([]);
    // Not stored yet: the draft stays, for Back.
    expect(await tipDraft.getValue()).not.toBeNull();
    expect(review.findings).toMatchObject([{ label: 'AWS access key ID', field: 'body' }]);
    expect(JSON.stringify(review)).not.toContain(KEY);

    const outcome = await handlers.shareReviewed(
      { reviewId: review.reviewId, choice: 'redact' },
      none,
    );
    expect(outcome).toMatchObject({ ok: true, community: SHARED, choice: 'redact' });
    expect(created).toHaveLength(1);
    expect(await tipDraft.getValue()).toBeNull();
    expect(created[0]).toMatchObject({
      body: 'key [redacted AWS access key ID]',
      excerpt: 'key [redacted AWS access key ID]',
    });

    const again = await handlers.shareReviewed(
      { reviewId: review.reviewId, choice: 'share' },
      none,
    );
    expect(again).toMatchObject({
      ok: false,
      message: expect.stringContaining('Nothing was shared'),
    });
    expect(created).toHaveLength(1);
  });

  it('shares a clean tip at once, and never scans the Personal community', async () => {
    const clean = await handlers.saveTip(
      { community: SHARED, draft: draft('Rebase.'), url: null },
      none,
    );
    expect(clean.ok).toBe(true);
    const personal = await handlers.saveTip(
      { community: 'personal', draft: draft(`key ${KEY}`), url: null },
      none,
    );
    expect(personal.ok).toBe(true);
    expect((await recentItems(db, 'personal', 10)).map((i) => i.kind === 'tip' && i.body)).toEqual([
      `key ${KEY}`,
    ]);
  });

  it('Keep in Personal: a held edit becomes a new personal tip; the shared one is untouched', async () => {
    const tip = tipItem(
      { title: 'Deploy', body: 'Ask ops.', tags: [], appliesTo: [], url: null },
      { community: SHARED, author: 'Ana', now: 1_000 },
    );
    await putItem(db, tip);
    const review = await held(
      await handlers.editTip({ id: tip.id, draft: draft(`Use ${KEY}.`) }, none),
    );
    expect(edited).toEqual([]);
    const kept = await handlers.shareReviewed(
      { reviewId: review.reviewId, choice: 'personal' },
      none,
    );
    if (!kept.ok) throw new Error(kept.message);
    expect(kept.item.id).not.toBe(tip.id);
    expect(await getItem(db, kept.item.id)).toMatchObject({
      community: 'personal',
      body: `Use ${KEY}.`,
    });
    expect(await getItem(db, tip.id)).toMatchObject({ body: 'Ask ops.' });
    expect(edited).toEqual([]);
  });

  it('Share anyway: a held edit goes as written, only its changed fields', async () => {
    const tip = tipItem(
      { title: 'Deploy', body: 'Ask ops.', tags: [], appliesTo: [], url: null },
      { community: SHARED, author: 'Ana', now: 1_000 },
    );
    await putItem(db, tip);
    const review = await held(
      await handlers.editTip({ id: tip.id, draft: draft(`Use ${KEY}.`) }, none),
    );
    await handlers.shareReviewed({ reviewId: review.reviewId, choice: 'share' }, none);
    expect(edited).toMatchObject([{ id: tip.id, changes: { body: `Use ${KEY}.` } }]);
    expect(Object.keys(edited[0]!.changes).sort()).toEqual(['body', 'updatedAt']);
  });

  it('a selection clipped with no popup keeps a secret in Personal and says how to share it', async () => {
    const quote = `The deploy key is ${KEY}`;
    const selection: SelectionCapture = {
      url: 'https://wiki.example/deploy',
      canonicalUrl: 'https://wiki.example/deploy',
      sourceTitle: 'Deploy',
      quote,
      selectedChars: quote.length,
      selectors: [
        { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
        { type: 'TextPositionSelector', start: 0, end: quote.length },
      ],
    };
    vi.mocked(runInTab).mockResolvedValue({ ok: true, value: selection });
    const toast = await handlers.clipSelectionUnattended({ tabId: 1, community: SHARED });
    expect(toast.ok).toBe(true);
    expect(toast.message).toContain('holds an AWS access key ID, so it was kept in Personal');
    expect(toast.message).toContain('Clip selection');
    expect(created).toEqual([]);
    const [kept] = await recentItems(db, 'personal', 10);
    expect(kept).toMatchObject({ kind: 'snippet', quote });
  });
});

describe('editing a page or a snippet', () => {
  const snippet = (community: string) =>
    snippetItem(
      {
        url: 'https://wiki.example/deploy',
        canonicalUrl: 'https://wiki.example/deploy',
        sourceTitle: 'Deploy',
        quote: 'Deploys go out on Tuesdays.',
        selectedChars: 27,
        selectors: [
          {
            type: 'TextQuoteSelector',
            exact: 'Deploys go out on Tuesdays.',
            prefix: '',
            suffix: '',
          },
          { type: 'TextPositionSelector', start: 0, end: 27 },
        ],
      },
      { community, author: 'Ana', now: 1_000 },
    );
  const edit = (title: string, note = '', privateNote = '') => ({
    title,
    tags: '#ops, release',
    note,
    privateNote,
  });

  it('stores a Personal item with its new title, tags and note', async () => {
    const item = snippet('personal');
    await putItem(db, item);
    const result = await handlers.editItem(
      { id: item.id, draft: edit('  Release days ', 'Ask before Friday.') },
      none,
    );
    expect(result).toEqual({
      ok: true,
      item: { id: item.id, kind: 'snippet', title: 'Release days' },
    });
    expect(await getItem(db, item.id)).toMatchObject({
      title: 'Release days',
      tags: ['ops', 'release'],
      note: 'Ask before Friday.',
      quote: item.quote,
    });
    expect(edited).toEqual([]);
  });

  it('sends a shared item only its changed fields, and keeps the private note here', async () => {
    const item = { ...snippet(SHARED), tags: ['ops', 'release'] };
    await putItem(db, item);
    const result = await handlers.editItem(
      { id: item.id, draft: edit(item.title, 'Shared with all.', 'Only mine.') },
      none,
    );
    expect(result.ok).toBe(true);
    expect(edited).toMatchObject([
      { id: item.id, kind: 'snippet', changes: { note: 'Shared with all.' } },
    ]);
    expect(Object.keys(edited[0]!.changes).sort()).toEqual(['note', 'updatedAt']);
    expect(JSON.stringify(edited)).not.toContain('Only mine.');
    expect(await getPrivateNote(db, item.id)).toBe('Only mine.');
  });

  it('holds a note with a secret for the review, then sends it redacted as an edit of the page', async () => {
    const page = sampleItem('page', { community: SHARED });
    await putItem(db, page);
    const review = await held(
      await handlers.editItem({ id: page.id, draft: edit(page.title, `Key: ${KEY}`) }, none),
    );
    expect(review.findings).toMatchObject([{ field: 'note' }]);
    expect(edited).toEqual([]);
    await handlers.shareReviewed({ reviewId: review.reviewId, choice: 'redact' }, none);
    expect(edited).toMatchObject([
      { id: page.id, kind: 'page', changes: { note: 'Key: [redacted AWS access key ID]' } },
    ]);
  });

  it('says what is wrong per field and writes nothing', async () => {
    const item = snippet(SHARED);
    await putItem(db, item);
    const result = await handlers.editItem(
      { id: item.id, draft: edit('   ', 'n'.repeat(4_001), 'p'.repeat(4_001)) },
      none,
    );
    expect(result).toMatchObject({
      ok: false,
      errors: {
        title: expect.stringContaining('Give it a title'),
        note: expect.stringContaining('keep it under 4000'),
        privateNote: expect.stringContaining('private note is 4001 characters'),
      },
    });
    expect(edited).toEqual([]);
    expect(await getPrivateNote(db, item.id)).toBe('');
  });

  it('says so when the item was deleted meanwhile', async () => {
    const item = snippet('personal');
    await putItem(db, item);
    await deleteItem(db, item.id);
    const result = await handlers.editItem({ id: item.id, draft: edit('New') }, none);
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining('deleted meanwhile'),
    });
  });
});

describe('retiring a tip', () => {
  it('writes only retiredAt: through the engine when shared, in storage when local', async () => {
    const shared = tipItem(
      { title: 'T', body: 'B', tags: [], appliesTo: [], url: null },
      { community: SHARED, author: 'Ana', now: 1 },
    );
    await putItem(db, shared);
    expect(await handlers.retireTip({ id: shared.id, retired: true }, none)).toEqual({ ok: true });
    expect(edited).toEqual([
      { id: shared.id, kind: 'tip', changes: { retiredAt: expect.any(Number) } },
    ]);
    await handlers.retireTip({ id: shared.id, retired: false }, none);
    expect(edited[1]).toEqual({ id: shared.id, kind: 'tip', changes: { retiredAt: null } });

    const local = tipItem(
      { title: 'T', body: 'B', tags: [], appliesTo: [], url: null },
      { community: 'personal', author: null, now: 1 },
    );
    await putItem(db, local);
    await handlers.retireTip({ id: local.id, retired: true }, none);
    const stored = await getItem(db, local.id);
    expect(stored?.kind === 'tip' && stored.retiredAt).toEqual(expect.any(Number));
    expect(stored?.updatedAt).toBe(1);
  });

  it('says so when the tip is gone', async () => {
    expect(await handlers.retireTip({ id: 'nope', retired: true }, none)).toEqual({
      ok: false,
      message: 'This tip was deleted meanwhile; there is nothing to retire.',
    });
  });
});

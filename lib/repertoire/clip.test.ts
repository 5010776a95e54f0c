import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArticleCapture, SelectionCapture } from '../capture';
import { getItem, openRepertoireDb, recentItems, type RepertoireDb } from '../db';
import { clipPage, clipSelection, saveLink, saveLocally, type TabCapture } from './clip';

let db: RepertoireDb;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openRepertoireDb();
});

const article: ArticleCapture = {
  url: 'https://blog.example/post#comments',
  canonicalUrl: 'https://blog.example/post',
  title: 'How we ship',
  byline: 'Ada',
  siteName: 'Example blog',
  publishedTime: null,
  excerpt: 'We ship small.',
  lang: 'en',
  dir: null,
  leadImageUrl: null,
  html: '<p>We ship small.</p>',
  markdown: 'We ship small.',
  text: 'We ship small.',
};

const selection = (quote: string, selectedChars = quote.length): SelectionCapture => ({
  url: 'https://blog.example/post',
  canonicalUrl: 'https://blog.example/post',
  sourceTitle: 'How we ship',
  quote,
  selectedChars,
  selectors: [
    { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
    { type: 'TextPositionSelector', start: 0, end: quote.length },
  ],
});

type PageInjection = Awaited<ReturnType<TabCapture['page']>>;
type SelectionInjection = Awaited<ReturnType<TabCapture['selection']>>;

const capturing = (page: PageInjection, sel?: SelectionInjection): TabCapture => ({
  page: async () => page,
  selection: async () => sel ?? { ok: false, failure: 'tab-gone' },
});
const selecting = (sel: SelectionInjection) => capturing({ ok: false, failure: 'tab-gone' }, sel);

const who = { community: 'personal', author: null, now: 1_000 };

describe('clipping', () => {
  it('stores the article and refuses the same page twice unless asked again', async () => {
    const tabs = capturing({ ok: true, value: article });
    const first = await clipPage(db, saveLocally(db), tabs, { tabId: 1, tabTitle: 'tab' }, who);
    expect(first).toMatchObject({ ok: true, item: { kind: 'page', title: 'How we ship' } });

    const second = await clipPage(db, saveLocally(db), tabs, { tabId: 1, tabTitle: 'tab' }, who);
    expect(second).toMatchObject({ ok: false, error: { code: 'already-clipped' } });
    if ('error' in second && first.ok) expect(second.error.existing?.id).toBe(first.item.id);

    const again = await clipPage(
      db,
      saveLocally(db),
      tabs,
      { tabId: 1, tabTitle: 'tab', again: true },
      who,
    );
    expect(again.ok).toBe(true);
    expect(await recentItems(db, 'personal', 10)).toHaveLength(2);
  });

  it('falls back to the tab title when the article has none', async () => {
    const tabs = capturing({ ok: true, value: { ...article, title: '' } });
    const result = await clipPage(
      db,
      saveLocally(db),
      tabs,
      { tabId: 1, tabTitle: 'The tab' },
      who,
    );
    expect(result).toMatchObject({ ok: true, item: { title: 'The tab' } });
  });

  it.each([
    [{ ok: false, failure: 'restricted-page' } as const, 'restricted-page', 'Browsers do not let'],
    [{ ok: false, failure: 'no-access' } as const, 'no-access', 'click the Repertoire button'],
    [{ ok: false, failure: 'tab-gone' } as const, 'tab-gone', 'closed'],
  ])('explains a failed page clip (%#)', async (injected, code, words) => {
    const result = await clipPage(
      db,
      saveLocally(db),
      capturing(injected),
      { tabId: 1, tabTitle: '' },
      who,
    );
    expect(result).toMatchObject({ ok: false, error: { code } });
    if ('error' in result) expect(result.error.message).toContain(words);
    expect(await recentItems(db, 'personal', 10)).toEqual([]);
  });

  it('stores a selection and says when it was cut', async () => {
    const small = await clipSelection(
      saveLocally(db),
      selecting({ ok: true, value: selection('ship small') }),
      { tabId: 1 },
      who,
    );
    expect(small).toMatchObject({ ok: true, item: { kind: 'snippet', title: 'ship small' } });
    expect(small.ok && small.notice).toBeFalsy();

    const cut = await clipSelection(
      saveLocally(db),
      capturing(
        { ok: true, value: article },
        { ok: true, value: selection('x'.repeat(20_000), 45_000) },
      ),
      { tabId: 1 },
      who,
    );
    expect(cut.ok && cut.notice).toBe(
      'The selection was 45,000 characters long; the first 20,000 were kept.',
    );
    if (cut.ok) expect(await getItem(db, cut.item.id)).toMatchObject({ truncated: true });
  });

  it('titles a snippet with its first line, cut after a word', async () => {
    const line =
      'Readability keeps the main content of a page and drops the navigation, the comments, the ads and the footer around it, for reading later';
    const clipped = await clipSelection(
      saveLocally(db),
      selecting({ ok: true, value: selection(`${line}\nsecond paragraph`) }),
      { tabId: 1 },
      who,
    );
    expect(clipped).toMatchObject({
      ok: true,
      item: {
        title:
          'Readability keeps the main content of a page and drops the navigation, the comments, the ads and the footer around it…',
      },
    });
    const hash = 'a'.repeat(200);
    const long = await clipSelection(
      saveLocally(db),
      selecting({ ok: true, value: selection(hash) }),
      { tabId: 1 },
      who,
    );
    expect(long.ok && long.item.title).toBe(`${'a'.repeat(119)}…`);
  });

  it('offers a page with no article as a link, and keeps it as one', async () => {
    const link = {
      url: 'https://app.example/dashboard?tab=2',
      canonicalUrl: 'https://app.example/dashboard',
      title: '',
      excerpt: 'Team dashboard',
    };
    const result = await clipPage(
      db,
      saveLocally(db),
      capturing({ ok: true, value: { failure: 'no-article', link } }),
      { tabId: 1, tabTitle: 'Dashboard – App' },
      who,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'no-article', link: { ...link, title: 'Dashboard – App' } },
    });
    if (!('error' in result)) throw new Error('expected an error');
    expect(result.error.message).toContain('found no article');
    expect(result.error.message).toContain('Save as a link');
    expect(await recentItems(db, 'personal', 10)).toEqual([]);

    const kept = await saveLink(
      saveLocally(db),
      { ...result.error.link!, title: ' Our dashboard ', tags: '#ops, Weekly' },
      who,
    );
    expect(kept).toMatchObject({ ok: true, item: { kind: 'page', title: 'Our dashboard' } });
    if (!kept.ok) throw new Error('expected it kept');
    expect(await getItem(db, kept.item.id)).toMatchObject({
      url: link.url,
      canonicalUrl: link.canonicalUrl,
      excerpt: 'Team dashboard',
      text: 'Team dashboard',
      html: '',
      tags: ['ops', 'weekly'],
    });
  });

  it('refuses a link with too many tags or too long a description, saying what to do', async () => {
    const result = await saveLink(
      saveLocally(db),
      {
        url: 'https://app.example/',
        canonicalUrl: 'https://app.example/',
        title: 'App',
        excerpt: 'x'.repeat(4_001),
        tags: Array.from({ length: 40 }, (_, i) => `t${i}`).join(' '),
      },
      who,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        tags: 'Use at most 32 tags.',
        excerpt: 'The description is 4001 characters; keep it under 4000.',
      },
    });
    expect(await recentItems(db, 'personal', 10)).toEqual([]);
  });

  it('says nothing is selected', async () => {
    const result = await clipSelection(
      saveLocally(db),
      selecting({ ok: true, value: { failure: 'empty-selection' } }),
      { tabId: 1 },
      who,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'empty-selection' } });
  });

  it('reports a full disk and keeps earlier clips', async () => {
    const tabs = capturing({ ok: true, value: article });
    await clipPage(db, saveLocally(db), tabs, { tabId: 1, tabTitle: '' }, who);
    const full = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const result = await clipPage(
      db,
      saveLocally(db),
      tabs,
      { tabId: 1, tabTitle: '', again: true },
      who,
    );
    full.mockRestore();
    expect(result).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    expect(await recentItems(db, 'personal', 10)).toHaveLength(1);
  });
});

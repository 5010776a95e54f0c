import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { item, itemFrom, url } from '../../test/support/related-arbitraries';
import type { Item } from '../wire';
import { ENTRY_TEXT_CHARS, entryOf } from './entries';
import { RelatedIndex } from './matcher';
import {
  PersistedRelated,
  relatedRecords,
  RELATED_FORMAT,
  type RelatedRecord,
  type RelatedStore,
} from './persisted';
import { idFor, page, sampleItem, tip } from '../../test/support/items';

/** A RelatedStore in memory that counts the records each read asks for. */
class MemoryStore implements RelatedStore {
  readonly records = new Map<string, RelatedRecord>();
  readsOf: string[][] = [];
  get(keys: readonly string[]) {
    this.readsOf.push([...keys]);
    return Promise.resolve(keys.map((key) => structuredClone(this.records.get(key))));
  }
  withPrefix(prefix: string) {
    const keys = [...this.records.keys()].filter((key) => key.startsWith(prefix));
    return Promise.resolve(keys.flatMap((key) => structuredClone(this.records.get(key)) ?? []));
  }
  put(records: readonly (readonly [string, RelatedRecord | null])[]) {
    for (const [key, record] of records) {
      if (record === null) this.records.delete(key);
      else this.records.set(key, structuredClone(record));
    }
    return Promise.resolve();
  }
}

const [A, B, C] = [idFor(1), idFor(2), idFor(3)];

async function ids(index: PersistedRelated, at: string): Promise<string[]> {
  return (await index.match(at)).map((hit) => hit.entry.id);
}

describe('PersistedRelated', () => {
  it('finds items by host, wildcard host and page, and says why', async () => {
    const index = new PersistedRelated(new MemoryStore());
    await index.apply([
      tip(A, ['github.com/acme/*']),
      tip(B, ['*.example.com']),
      page(C, 'https://github.com/acme/api'),
    ]);
    expect(await index.match('https://github.com/acme/api/')).toEqual([
      expect.objectContaining({
        match: { itemId: C, reason: expect.objectContaining({ kind: 'same-page' }) },
      }),
      expect.objectContaining({
        match: { itemId: A, reason: { kind: 'pattern', pattern: 'github.com/acme/*' } },
      }),
    ]);
    expect(await ids(index, 'https://a.b.example.com/x')).toEqual([B]);
    expect(await ids(index, 'https://example.com/')).toEqual([B]);
    expect(await ids(index, 'https://github.com/other')).toEqual([]);
    expect(await ids(index, 'chrome://newtab')).toEqual([]);
  });

  it('keeps what the panel shows, without article bodies', async () => {
    const store = new MemoryStore();
    const index = new PersistedRelated(store);
    const long = { ...tip(A, ['x.org']), title: 'T', author: 'Ana', body: 'b'.repeat(5_000) };
    const clipped = { ...page(B, 'https://x.org/'), excerpt: 'the gist' };
    await index.apply([long, { ...clipped, html: '<p>body</p>'.repeat(1_000) } as Item]);
    const [first, second] = await index.match('https://x.org/');
    expect(first?.entry).toMatchObject({ id: B, kind: 'page', text: 'the gist' });
    expect(second?.entry).toMatchObject({ id: A, title: 'T', author: 'Ana' });
    expect(second?.entry.text).toHaveLength(ENTRY_TEXT_CHARS + 1);
    expect(JSON.stringify([...store.records.values()])).not.toContain('<p>body</p>');
  });

  it('follows edits, deletions and removals, in the records and in what it has cached', async () => {
    const store = new MemoryStore();
    const index = new PersistedRelated(store);
    const a = tip(A, ['old.example']);
    await index.apply([a, tip(B, ['old.example', 'tool:jira'])]);
    expect(await ids(index, 'https://old.example/')).toEqual([B, A]);
    await index.apply([{ ...a, appliesTo: ['new.example'] }]);
    expect(await ids(index, 'https://old.example/')).toEqual([B]);
    expect(await ids(index, 'https://new.example/')).toEqual([A]);
    await index.apply([{ ...a, appliesTo: ['new.example'], deletedAt: 9 }], [B]);
    expect(await ids(index, 'https://new.example/')).toEqual([]);
    expect(await ids(index, 'https://acme.atlassian.net/browse/X-1')).toEqual([]);
    // Nothing is left behind.
    expect([...store.records.keys()]).toEqual([]);
    expect(await index.entry(A)).toBeUndefined();
  });

  it('drops a retired tip, and shows it again once restored', async () => {
    const index = new PersistedRelated(new MemoryStore());
    const a = tip(A, ['old.example']);
    await index.apply([a]);
    await index.apply([{ ...a, retiredAt: 5 }]);
    expect(await ids(index, 'https://old.example/')).toEqual([]);
    await index.apply([{ ...a, retiredAt: null }]);
    expect(await ids(index, 'https://old.example/')).toEqual([A]);
  });

  it('reads only the records of the visited URL', async () => {
    const store = new MemoryStore();
    const index = new PersistedRelated(store);
    await index.apply(
      Array.from({ length: 500 }, (_, i) => tip(idFor(i + 10), [`host${i}.example`])),
    );
    store.readsOf = [];
    expect(await ids(index, 'https://host7.example/a')).toEqual([idFor(17)]);
    expect(store.readsOf).toEqual([
      [
        'h:host7.example',
        'h:host7.example/a',
        'w:host7.example',
        'w:host7.example/a',
        'w:example',
        'w:example/a',
        'p:host7.example/a?',
      ],
    ]);
    // A second visit is answered from memory.
    await ids(index, 'https://host7.example/b');
    expect(store.readsOf).toHaveLength(2);
    expect(store.readsOf[1]).toEqual([
      'h:host7.example/b',
      'w:host7.example/b',
      'w:example/b',
      'p:host7.example/b?',
    ]);
  });

  it('never keeps in memory what a read saw while a write overtook it', async () => {
    const store = new MemoryStore();
    const index = new PersistedRelated(store);
    await index.apply([tip(A, ['x.org'])]);
    // The next read is held back until a write has gone through.
    const read = store.get.bind(store);
    let release = () => {};
    const held = new Promise<void>((ok) => (release = ok));
    store.get = async (keys) => {
      store.get = read;
      const records = await read(keys);
      await held;
      return records;
    };
    const before = index.match('https://x.org/');
    await index.apply([tip(A, ['y.org'])]);
    release();
    expect((await before).map((hit) => hit.entry.id)).toEqual([A]);
    expect(await ids(index, 'https://x.org/')).toEqual([]);
  });

  it('knows the entry of an item by id, and when its layout needs building', async () => {
    const store = new MemoryStore();
    const index = new PersistedRelated(store);
    expect(await index.needsBuild()).toBe(true);
    await store.put(relatedRecords([]));
    expect(await index.needsBuild()).toBe(false);
    await store.put([['format', { format: RELATED_FORMAT + 1 }]]);
    expect(await index.needsBuild()).toBe(true);
    await index.apply([
      tip(A, ['x.org', '*.y.org'], { community: 'team' }),
      tip(B, [], { tool: 'Jira' }),
      page(C, 'https://x.org/'),
    ]);
    expect(await index.entry(A)).toMatchObject({ id: A, community: 'team' });
    expect((await index.tips()).map((entry) => entry.id).sort()).toEqual([A, B].sort());
  });

  it('matches as RelatedIndex does, built at once or by batches of writes', () => {
    return fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 25 }),
        fc.array(item, { maxLength: 10 }),
        fc.array(url, { minLength: 1, maxLength: 15 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        async (specs, edits, urls, removals, batch) => {
          const items = specs.map(itemFrom);
          // Edits reuse ids of earlier items: they move them, or delete them when they are pages.
          const edited = edits.map((spec, i) => itemFrom(spec, i % Math.max(1, items.length)));
          const removed = new Set(removals.map((n) => idFor(n % Math.max(1, items.length))));
          const final = new Map<string, Item>();
          for (const one of [...items, ...edited]) final.set(one.id, one);
          for (const id of removed) final.delete(id);

          const stepped = new PersistedRelated(new MemoryStore());
          const writes = [...items, ...edited];
          for (let at = 0; at < writes.length; at += batch) {
            await stepped.apply(writes.slice(at, at + batch));
            // Reading between writes fills the cache the next writes must keep right.
            await stepped.match(urls[0] ?? '');
          }
          await stepped.apply([], [...removed]);
          const built = new MemoryStore();
          await built.put(relatedRecords([...final.values()].flatMap((one) => entryOf(one) ?? [])));
          const once = new PersistedRelated(built);
          const reference = new RelatedIndex(final.values());
          for (const u of urls) {
            const expected = reference.match(u);
            expect((await stepped.match(u)).map((hit) => hit.match)).toEqual(expected);
            expect((await once.match(u)).map((hit) => hit.match)).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('questions in the index', () => {
  const question = (id: string, appliesTo: string[], closedAt: number | null = null) =>
    sampleItem('question', { id, community: 'c1', appliesTo, closedAt, authorId: 'ana' });

  it('lists open questions, matches them where they apply, and lists the tips answering them', async () => {
    const index = new PersistedRelated(new MemoryStore());
    const answer = { ...tip(C, ['docs.example.com']), answers: [A], authorId: 'ben' };
    await index.apply([question(A, ['tool:github']), question(B, ['github.com'], 5), answer]);
    expect((await index.questions('c1')).map((e) => e.id)).toEqual([A]);
    expect(await ids(index, 'https://github.com/our-org/repo')).toEqual([A]);
    expect(await ids(index, 'https://gitlab.com/x')).toEqual([]);
    expect(await index.answers(A)).toMatchObject([{ id: C, authorId: 'ben', answers: [A] }]);
    // Closed: it leaves the open questions and the pages it applied to.
    await index.apply([question(A, ['tool:github'], 9)]);
    expect(await index.questions('c1')).toEqual([]);
    expect(await ids(index, 'https://github.com/our-org/repo')).toEqual([]);
  });
});

describe('paths and stances in the index', () => {
  const path = (id: string, community = 'c1') =>
    sampleItem('path', { id, community, createdAt: 1, steps: [{ itemId: C, note: '' }] });
  const stance = (id: string) => sampleItem('stance', { id, community: 'c1', createdAt: 2 });
  const listed = async (index: PersistedRelated, community = 'c1') =>
    (await index.pathsAndStances(community)).map((e) => [e.id, e.kind, e.title]);

  it('lists a community’s live paths and stances, following edits and deletions', async () => {
    const store = new MemoryStore();
    const index = new PersistedRelated(store);
    const [p, s] = [path(A), stance(B)];
    await index.apply([p, s, path(C, 'c2'), tip(idFor(4), ['x.org'])]);
    expect(await listed(index)).toEqual([
      [B, 'stance', 'A stance'],
      [A, 'path', 'A path'],
    ]);
    expect(await listed(index, 'c2')).toEqual([[C, 'path', 'A path']]);
    // Listed only: no URL finds them.
    expect(await ids(index, 'https://acme.atlassian.net/browse/X-1')).toEqual([]);

    await index.apply([
      { ...p, title: 'Start here' },
      { ...s, title: 'Adopt Jira' },
    ]);
    expect(await listed(index)).toEqual([
      [B, 'stance', 'Adopt Jira'],
      [A, 'path', 'Start here'],
    ]);
    await index.apply([{ ...p, deletedAt: 9 }]);
    expect(await listed(index)).toEqual([[B, 'stance', 'Adopt Jira']]);
    await index.apply([], [B, C]);
    expect(await listed(index)).toEqual([]);
    expect(await listed(index, 'c2')).toEqual([]);
    expect([...store.records.keys()].filter((key) => key.startsWith('ps:'))).toEqual([]);
  });

  it('lists them alike when the index is built at once', async () => {
    const built = new MemoryStore();
    const items = [path(A), stance(B), path(C, 'c2')];
    await built.put(relatedRecords(items.flatMap((one) => entryOf(one) ?? [])));
    const stepped = new PersistedRelated(new MemoryStore());
    await stepped.apply(items);
    for (const community of ['c1', 'c2']) {
      expect(await listed(new PersistedRelated(built), community)).toEqual(
        await listed(stepped, community),
      );
    }
    expect(await listed(stepped)).toHaveLength(2);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item, PageItem, SnippetItem, TipItem } from '../wire';
import { createMemoryStore, createSearchIndex, type SearchIndex, type SearchStore } from './index';
import { SPLIT_POSTINGS, type MetaRecord, type SearchRecord } from './records';

const base = {
  community: 'ops',
  url: null,
  canonicalUrl: null,
  siteName: null,
  byline: null,
  publishedTime: null,
  excerpt: null,
  tags: [] as string[],
  author: null,
  createdAt: 0,
  updatedAt: 0,
  deletedAt: null,
};

function tip(id: string, title: string, body: string, extra: Partial<TipItem> = {}): TipItem {
  return { ...base, id, kind: 'tip', title, body, tool: null, appliesTo: [], ...extra };
}

function page(id: string, title: string, text: string, extra: Partial<PageItem> = {}): PageItem {
  return {
    ...base,
    id,
    kind: 'page',
    title,
    text,
    html: '',
    markdown: '',
    leadImageUrl: null,
    lang: null,
    dir: null,
    ...extra,
  };
}

function snippet(id: string, quote: string, extra: Partial<SnippetItem> = {}): SnippetItem {
  return {
    ...base,
    id,
    kind: 'snippet',
    title: '',
    quote,
    truncated: false,
    sourceTitle: 'Source',
    selectors: [
      { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start: 0, end: quote.length },
    ],
    ...extra,
  };
}

const corpus: Item[] = [
  tip('reset', 'git reset', 'Undo the last commit, keeping its changes: git reset HEAD~', {
    tool: 'git',
    tags: ['git'],
  }),
  tip('revert', 'git revert', 'Create a new commit that reverses an earlier commit.', {
    tool: 'git',
    tags: ['git'],
  }),
  tip('log', 'git log', 'Show the commit history, last commit first.', { tool: 'git' }),
  tip('logs', 'docker logs', 'Print the logs of a container. Follow with -f.', {
    tool: 'docker',
    tags: ['containers'],
    author: 'Ana',
  }),
  tip('ps', 'docker ps', 'List running containers.', { tool: 'docker', tags: ['containers'] }),
  tip('ss', 'ss', 'List open ports and sockets: ss -tulpn', { community: 'net' }),
  page('cafe', 'Le café de Paris', 'Un article sur les cafés parisiens et leur histoire.', {
    siteName: 'Le Monde',
  }),
  page('tokyo', '東京の地下鉄', '東京都の地下鉄は便利です。'),
  snippet('quote', 'The undo command reverts the last edit in most editors.'),
];

/** An index of `items`, merged into its segments (no delta) unless `deltaPostings` says. */
async function indexOf(items: readonly Item[], deltaPostings = 0): Promise<SearchIndex> {
  const index = await createSearchIndex(createMemoryStore(), { deltaPostings });
  await index.upsert(items);
  return index;
}

const ids = async (index: SearchIndex, q: string, limit = 10): Promise<string[]> =>
  (await index.search(q, { limit })).map((r) => r.id);

describe('search ranking', () => {
  it('ranks the document that matches all words, and adjacent ones, first', async () => {
    const index = await indexOf(corpus);
    const top = await ids(index, 'undo last commit');
    expect(top[0]).toBe('reset');
    expect(top).toContain('quote');
  });

  it('boosts query words that are adjacent in the title', async () => {
    const index = await indexOf([
      tip('apart', 'ports stay open', 'Notes.'),
      tip('adjacent', 'open ports here', 'Notes.'),
    ]);
    const [first, second] = await index.search('open ports');
    expect(first!.id).toBe('adjacent');
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('in a large index, skips words in most documents unless nothing else is asked', async () => {
    const items = Array.from({ length: 1200 }, (_, i) =>
      tip(`d${i}`, `note ${i}`, i % 300 === 0 ? 'everywhere rare' : 'everywhere'),
    );
    const index = await indexOf(items);
    const both = await index.search('everywhere rare', { limit: 10 });
    expect(both.map((r) => r.id).sort()).toEqual(['d0', 'd300', 'd600', 'd900']);
    expect(both[0]!.terms).toEqual(['rare']);
    expect(await index.search('everywhere', { limit: 3 })).toHaveLength(3);
  });

  it('weights the title above the body', async () => {
    const index = await indexOf([
      tip('body', 'Shell notes', 'Sometimes rsync is handy for copies.'),
      tip('title', 'rsync', 'Copy files between hosts.'),
    ]);
    expect(await ids(index, 'rsync ')).toEqual(['title', 'body']);
  });

  it('matches the word being typed as a prefix, finished words exactly', async () => {
    const index = await indexOf(corpus);
    expect(await ids(index, 'dock')).toEqual(expect.arrayContaining(['logs', 'ps']));
    expect(await ids(index, 'dock ')).toEqual([]);
    expect((await ids(index, 'docker lo'))[0]).toBe('logs');
  });

  it('counts a completion only where the rest of the query agrees, once it matched a page', async () => {
    const index = await indexOf([
      tip('a', 'Undo a change', 'Use reset.'),
      tip('b', 'Undo a merge', 'Use revert.'),
      tip('c', 'Commit staged files', 'Record changes.'),
    ]);
    // "undo" matched two documents: with a page of two, "co…" guesses only among them.
    expect((await ids(index, 'undo co', 2)).sort()).toEqual(['a', 'b']);
    // With room for more, the completion still finds the document that has it alone.
    expect(await ids(index, 'undo co', 5)).toContain('c');
    // A finished word is not a guess: it finds its documents whatever the page.
    expect(await ids(index, 'undo commit ', 2)).toContain('c');
  });

  it('forgives one typo in a word of four letters or more, not in short ones', async () => {
    const index = await indexOf(corpus);
    expect((await ids(index, 'dokcer logs'))[0]).toBe('logs');
    expect((await ids(index, 'contianers '))[0]).toBeDefined();
    expect(await ids(index, 'gti ')).toEqual([]);
  });

  it('prefers an exact word to its one-typo neighbours', async () => {
    const index = await indexOf([
      tip('grep', 'grep', 'Search text.'),
      tip('grape', 'grape', 'A fruit.'),
    ]);
    expect(await ids(index, 'grep ')).toEqual(['grep']);
  });

  it('folds diacritics both ways and searches CJK text', async () => {
    const index = await indexOf(corpus);
    expect(await ids(index, 'cafe')).toEqual(['cafe']);
    expect(await ids(index, 'CAFÉS parisiens')).toEqual(['cafe']);
    expect(await ids(index, '東京')).toEqual(['tokyo']);
    expect(await ids(index, '地下鉄')).toEqual(['tokyo']);
    expect(await ids(index, '東')).toEqual(['tokyo']);
  });

  it('returns highlights for title and snippet, and the matched terms', async () => {
    const index = await indexOf(corpus);
    const [hit] = await index.search('git rese');
    expect(hit).toMatchObject({ id: 'reset', kind: 'tip', title: 'git reset' });
    expect(hit!.highlights.title).toEqual([
      [0, 3],
      [4, 9],
    ]);
    expect(hit!.terms).toEqual(expect.arrayContaining(['git', 'reset']));
    const [cafe] = await index.search('histoire');
    expect(cafe!.snippet.slice(...cafe!.highlights.snippet[0]!)).toBe('histoire');
  });

  it('shows a tip written in Markdown as plain text, highlighted', async () => {
    const index = await indexOf([
      tip(
        'md',
        'Force push',
        '## Safely\n\n- Use **`git push --force-with-lease`**, *never* `--force`.\n- See [the docs](https://git-scm.com/docs/git-push) and <https://x.test/>.\n\n```sh\ngit push\n```',
      ),
    ]);
    const [hit] = await index.search('lease');
    expect(hit!.snippet).toBe(
      'Safely Use git push --force-with-lease, never --force. See the docs and https://x.test/. git push',
    );
    expect(hit!.snippet.slice(...hit!.highlights.snippet[0]!)).toBe('lease');
    // Words joined by underscores and lone asterisks are text, not emphasis.
    const [plain] = await (
      await indexOf([tip('p', 'Env', 'Set MY_APP_HOME and 2 * 3 * 4.')])
    ).search('env');
    expect(plain!.snippet).toBe('Set MY_APP_HOME and 2 * 3 * 4.');
  });

  it('honours the limit', async () => {
    const index = await indexOf(corpus);
    expect(await index.search('git', { limit: 2 })).toHaveLength(2);
  });
});

describe('questions in members’ words', () => {
  it('finds the words documentation uses for a member’s own: abbreviations, synonyms', async () => {
    const index = await indexOf([
      tip('rmdir', 'rmdir', 'Remove an empty directory.'),
      tip('kubectl', 'kubectl', 'Run commands against Kubernetes clusters.'),
      tip('folder', 'Folder colours', 'Make each folder a colour.'),
    ]);
    expect((await ids(index, 'delete empty dir'))[0]).toBe('rmdir');
    expect(await ids(index, 'k8s ')).toEqual(['kubectl']);
    // The word asked for ranks above its synonyms.
    expect(await ids(index, 'folder ')).toEqual(['folder', 'rmdir']);
  });

  it('answers a question by what it asks, not by how it is framed', async () => {
    const index = await indexOf([...corpus, tip('which', 'which', 'Locate a program.')]);
    expect((await ids(index, 'how do I undo my last commit'))[0]).toBe('reset');
    expect((await ids(index, 'which ports are open'))[0]).toBe('ss');
    expect(await ids(index, 'which')).toEqual(['which']);
  });
});

describe('filters', () => {
  it('filters by kind, tag, community, author and tool; AND across, OR within', async () => {
    const index = await indexOf(corpus);
    const q = (filters: object): Promise<string[]> =>
      index
        .search('list commit logs containers ports undo', { filters })
        .then((r) => r.map((x) => x.id).sort());
    expect(await q({ kind: 'snippet' })).toEqual(['quote']);
    expect(await q({ kind: ['snippet', 'page'] })).toEqual(['quote']);
    expect(await q({ tag: 'Containers' })).toEqual(['logs', 'ps']);
    expect(await q({ community: 'net' })).toEqual(['ss']);
    expect(await q({ author: 'ana' })).toEqual(['logs']);
    expect(await q({ tool: 'git' })).toEqual(['log', 'reset', 'revert']);
    expect(await q({ tool: 'git', tag: 'git' })).toEqual(['reset', 'revert']);
    expect(await q({ tool: 'git', kind: 'page' })).toEqual([]);
    expect(await q({ tag: 'nope' })).toEqual([]);
    expect(await q({ tag: [] })).toHaveLength(7);
    expect(await q({ kind: null, tag: 'git' })).toEqual(['reset', 'revert']);
  });
});

describe('updates', () => {
  it('replaces an item in place and forgets its old words', async () => {
    const index = await indexOf(corpus);
    await index.upsert([tip('ps', 'docker stats', 'Live resource usage of containers.')]);
    expect(index.size).toBe(corpus.length);
    expect(await ids(index, 'running ')).toEqual([]);
    expect(await ids(index, 'resource usage')).toEqual(['ps']);
  });

  it('removes by id and by tombstone', async () => {
    const index = await indexOf(corpus);
    await index.remove(['reset', 'missing']);
    await index.upsert([{ ...corpus[1]!, deletedAt: 1 }]);
    expect(index.size).toBe(corpus.length - 2);
    expect(await ids(index, 'commit')).toEqual(['log']);
    await index.upsert([corpus[0]!]);
    expect(await ids(index, 'undo last commit')).toContain('reset');
  });

  it('gives the same results whether built at once or edited step by step', async () => {
    const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'kappa'];
    const arbItem = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      words: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }),
      gone: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(arbItem, { maxLength: 4 }), { maxLength: 6 }),
        // From merging every write to keeping them all in the delta, merging now and then.
        fc.integer({ min: 0, max: 60 }),
        async (batches, deltaPostings) => {
          const stepwise = await createSearchIndex(createMemoryStore(), { deltaPostings });
          const final = new Map<string, Item>();
          for (const batch of batches) {
            const items = batch.map((b) =>
              tip(b.id, b.words[0]!, b.words.join(' '), { deletedAt: b.gone ? 1 : null }),
            );
            await stepwise.upsert(items);
            for (const item of items) {
              if (item.deletedAt === null) final.set(item.id, item);
              else final.delete(item.id);
            }
          }
          const fresh = await indexOf([...final.values()]);
          expect(stepwise.size).toBe(fresh.size);
          for (const q of ['alpha', 'beta gamma', 'om', 'kappa delta ', 'gamna', 'alpha beta']) {
            const a = (await stepwise.search(q)).map((r) => `${r.id}:${r.score.toFixed(6)}`);
            const b = (await fresh.search(q)).map((r) => `${r.id}:${r.score.toFixed(6)}`);
            expect(a.sort()).toEqual(b.sort());
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('splits a segment that grows too large and still finds every term', async () => {
    const store = createMemoryStore();
    const index = await createSearchIndex(store);
    const n = Math.ceil(SPLIT_POSTINGS / 8) + 10;
    const items = Array.from({ length: n }, (_, i) =>
      tip(`t${i}`, `cobalt${i % 50}`, 'copper cotton coral comet code core cost coin'),
    );
    await index.upsert(items);
    const meta = store.records.get('meta') as MetaRecord;
    expect(meta.keys.some((k) => k.startsWith('co') && k.length > 2)).toBe(true);
    for (const [k] of store.records) {
      const seg = store.records.get(k);
      if (k.startsWith('s:') && seg && 'offs' in seg) {
        const single = seg.terms.length === 1;
        expect(single || seg.docs.length <= SPLIT_POSTINGS).toBe(true);
      }
    }
    expect((await index.search('cobalt7 ', { limit: 200 })).length).toBe(Math.ceil((n - 7) / 50));
    expect(await index.search('comet ', { limit: 5 })).toHaveLength(5);
    expect((await index.search('coba', { limit: 200 })).length).toBe(200);
    await index.remove(items.map((i) => i.id));
    expect(index.size).toBe(0);
    expect(await index.search('comet')).toEqual([]);
    expect([...store.records.keys()].filter((k) => k.startsWith('s:'))).toEqual([]);
  });
});

/** A SearchStore over raw IndexedDB (fake-indexeddb in tests), to prove the records survive it. */
async function indexedDbStore(name: string): Promise<SearchStore> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('search');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const done = (tx: IDBTransaction): Promise<void> =>
    new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  return {
    async get(keys) {
      const store = db.transaction('search').objectStore('search');
      return Promise.all(
        keys.map(
          (k) =>
            new Promise<SearchRecord | undefined>((resolve, reject) => {
              const req = store.get(k);
              req.onsuccess = () => resolve(req.result as SearchRecord | undefined);
              req.onerror = () => reject(req.error);
            }),
        ),
      );
    },
    async put(entries) {
      const tx = db.transaction('search', 'readwrite');
      for (const [k, v] of entries) {
        if (v === null) tx.objectStore('search').delete(k);
        else tx.objectStore('search').put(v, k);
      }
      await done(tx);
    },
    async clear() {
      const tx = db.transaction('search', 'readwrite');
      tx.objectStore('search').clear();
      await done(tx);
    },
  };
}

describe('persistence', () => {
  it('round-trips through IndexedDB', async () => {
    const writer = await createSearchIndex(await indexedDbStore('search-roundtrip'));
    await writer.upsert(corpus);
    await writer.remove(['ss']);
    const reader = await createSearchIndex(await indexedDbStore('search-roundtrip'));
    expect(reader.size).toBe(corpus.length - 1);
    for (const q of ['undo last commit', 'dokcer', 'cafe', '東京', 'conta']) {
      expect(await reader.search(q)).toEqual(await writer.search(q));
    }
    expect(await ids(reader, 'sockets')).toEqual([]);
  });

  it('reopens from the store with the same results, reading only what a query needs', async () => {
    const store = createMemoryStore({ clone: true });
    const first = await createSearchIndex(store, { deltaPostings: 0 });
    await first.upsert(corpus);
    const queries = ['undo last commit', 'dokcer', 'cafe', '東京', 'git', 'conta'];
    const before = await Promise.all(queries.map((q) => first.search(q)));

    const reads: string[] = [];
    const reopened = await createSearchIndex({
      ...store,
      get: (keys) => {
        reads.push(...keys);
        return store.get(keys);
      },
    });
    expect(reads).toEqual(['meta']);
    expect(reopened.size).toBe(corpus.length);
    expect(await reopened.search(queries[0]!)).toEqual(before[0]);
    expect(reads.every((k) => k === 'meta' || /^[sd]:/.test(k))).toBe(true);
    expect(reads.length).toBeLessThan(store.records.size / 2);
    for (const [i, q] of queries.entries()) expect(await reopened.search(q)).toEqual(before[i]);
  });

  it('writes a small change to the delta, a few records, and reads it back as if merged', async () => {
    const store = createMemoryStore({ clone: true });
    await (await createSearchIndex(store, { deltaPostings: 0 })).upsert(corpus);
    const written: string[][] = [];
    const writer = await createSearchIndex({
      ...store,
      put: (entries) => {
        written.push(entries.map(([k]) => k));
        return store.put(entries);
      },
    });
    const added = tip('new', 'kubectl get pods', 'List pods and the containers in them.');
    const replaced = { ...corpus[0]!, title: 'Inspect sockets', deletedAt: null };
    await writer.upsert([added, replaced]);
    await writer.remove(['ss']);
    // Each write: the delta, id shards, forward and result blocks, meta; no segment.
    for (const keys of written) {
      expect(keys).toContain('x');
      expect(keys.filter((k) => k.startsWith('s:'))).toEqual([]);
      expect(keys.length).toBeLessThanOrEqual(8);
    }
    const final = [...corpus.filter((i) => i.id !== 'ss' && i.id !== replaced.id), added, replaced];
    const merged = await indexOf(final);
    const reopened = await createSearchIndex(store);
    for (const q of ['kubectl get po', 'containers', 'sockets', 'inspect', 'git reset', 'dokcer']) {
      const expected = await merged.search(q);
      expect(await writer.search(q)).toEqual(expected);
      expect(await reopened.search(q)).toEqual(expected);
    }
  });

  it('keeps updating after a reopen', async () => {
    const store = createMemoryStore({ clone: true });
    await (await createSearchIndex(store)).upsert(corpus);
    const again = await createSearchIndex(store);
    await again.upsert([tip('new', 'kubectl get pods', 'List pods.')]);
    await again.remove(['ss']);
    const third = await createSearchIndex(store);
    expect(third.size).toBe(corpus.length);
    expect(await ids(third, 'kubectl get po')).toEqual(['new']);
    expect(await ids(third, 'sockets')).toEqual([]);
  });

  it("sees another context's writes after refresh()", async () => {
    const store = createMemoryStore({ clone: true });
    const writer = await createSearchIndex(store);
    await writer.upsert(corpus);
    const reader = await createSearchIndex(store);
    expect(await ids(reader, 'docker ps')).toContain('ps');
    await writer.upsert([tip('ps', 'podman ps', 'List pods.')]);
    await writer.upsert([tip('new', 'kubectl', 'Talk to clusters.')]);
    await reader.refresh();
    expect(reader.size).toBe(corpus.length + 1);
    expect(await ids(reader, 'kubectl')).toEqual(['new']);
    expect(await ids(reader, 'podman')).toEqual(['ps']);
  });

  it('starts empty over a store written in another format', async () => {
    const store = createMemoryStore();
    await (await createSearchIndex(store)).upsert(corpus);
    const meta = store.records.get('meta') as MetaRecord;
    store.records.set('meta', { ...meta, v: meta.v + 1 });
    const index = await createSearchIndex(store);
    expect(index.size).toBe(0);
    expect(store.records.size).toBe(0);
  });
});

describe('bad input', () => {
  it('answers empty, stop-word, huge, special, emoji and RTL queries without throwing', async () => {
    const index = await indexOf([
      ...corpus,
      tip('rtl', 'שלום עולם', 'مرحبا بالعالم'),
      tip('emoji', 'Party 🎉 tips', 'Use (.*) carefully'),
    ]);
    expect(await index.search('')).toEqual([]);
    expect(await index.search('   ')).toEqual([]);
    expect(await index.search('the of and to')).toEqual([]);
    expect(await index.search('🎉')).toEqual([]);
    expect(await index.search('.*+?^${}()|[]\\')).toEqual([]);
    expect(await ids(index, '(.*) party')).toEqual(['emoji']);
    expect(await ids(index, 'שָׁלוֹם')).toEqual(['rtl']);
    expect(await ids(index, 'مرحبا')).toEqual(['rtl']);
    const huge = 'commit '.repeat(1500) + 'x'.repeat(10_000);
    expect((await index.search(huge)).length).toBeGreaterThan(0);
    expect(await index.search('git', { limit: -5 })).toHaveLength(1);
    expect(await index.search('git', { limit: Number.NaN })).toHaveLength(3);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 64 }), async (q) => {
        expect(Array.isArray(await index.search(q))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('treats ids as data, even "__proto__"', async () => {
    const store = createMemoryStore({ clone: true });
    const index = await createSearchIndex(store);
    await index.upsert([tip('__proto__', 'odd id', 'x'), tip('constructor', 'odd too', 'y')]);
    const reopened = await createSearchIndex(store);
    expect((await ids(reopened, 'odd')).sort()).toEqual(['__proto__', 'constructor']);
    await reopened.remove(['__proto__']);
    expect(await ids(reopened, 'odd')).toEqual(['constructor']);
    expect(reopened.size).toBe(1);
  });

  it('searches an empty index', async () => {
    const index = await createSearchIndex(createMemoryStore());
    expect(await index.search('anything')).toEqual([]);
    await index.upsert([]);
    await index.remove([]);
    expect(index.size).toBe(0);
  });
});

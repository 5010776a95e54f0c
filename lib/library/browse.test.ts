import { describe, expect, it } from 'vitest';
import { sampleItem } from '../../test/support/items';
import { Library, toEntry, type LibraryEntry } from '.';

const DAY = 86_400_000;

function entries(): LibraryEntry[] {
  return [
    sampleItem('tip', {
      title: 'Undo a commit',
      community: 'team',
      author: 'Ana',
      tags: ['git'],
      tool: 'GitHub',
      appliesTo: ['tool:jira'],
      createdAt: 3 * DAY,
      updatedAt: 10 * DAY,
    }),
    sampleItem('page', {
      title: 'awk basics',
      community: 'personal',
      tags: ['shell', 'text'],
      siteName: 'Example',
      createdAt: 1 * DAY,
      updatedAt: 1 * DAY,
    }),
    sampleItem('snippet', {
      title: 'Branches',
      community: 'team',
      author: 'Ben',
      tags: ['git'],
      url: 'https://git-scm.com/book',
      createdAt: 2 * DAY,
      updatedAt: 20 * DAY,
    }),
    sampleItem('tip', {
      title: 'branch names',
      community: 'team',
      author: 'Ben',
      tags: [],
      createdAt: 4 * DAY,
      updatedAt: 4 * DAY,
    }),
  ].map(toEntry);
}

const titles = (list: readonly LibraryEntry[]) => list.map((e) => e.title);

describe('the library', () => {
  const library = new Library(entries());

  it('replaces an edited entry, in its order and facets, leaving the library it came from', () => {
    const awk = library.browse({ tag: 'shell' }, 'newest')[0]!;
    const edited = library.upsert([{ ...awk, title: 'awk, the basics', tags: ['text', 'awk'] }]);
    expect(titles(edited.browse({}, 'title'))).toEqual([
      'awk, the basics',
      'branch names',
      'Branches',
      'Undo a commit',
    ]);
    expect(edited.browse({ tag: 'shell' }, 'newest')).toEqual([]);
    expect(edited.facets.tag.map((f) => f.value)).toContain('awk');
    expect(edited.size).toBe(library.size);
    expect(library.get(awk.id)?.title).toBe('awk basics');
  });

  it('adds entries it does not list yet, in order and facets', () => {
    const awk = library.browse({ tag: 'shell' }, 'newest')[0]!;
    const added = {
      ...awk,
      id: 'new-one',
      title: 'jq in one page',
      tags: ['json'],
      createdAt: 9e15,
    };
    const grown = library.upsert([added]);
    expect(grown.size).toBe(library.size + 1);
    expect(grown.browse({}, 'newest')[0]?.title).toBe('jq in one page');
    expect(grown.facets.tag.map((f) => f.value)).toContain('json');
    expect(library.get('new-one')).toBeUndefined();
  });

  it('sorts by newest, oldest, title (ignoring case) and recently updated', () => {
    expect(titles(library.browse({}, 'newest'))).toEqual([
      'branch names',
      'Undo a commit',
      'Branches',
      'awk basics',
    ]);
    expect(titles(library.browse({}, 'oldest'))).toEqual([
      'awk basics',
      'Branches',
      'Undo a commit',
      'branch names',
    ]);
    expect(titles(library.browse({}, 'title'))).toEqual([
      'awk basics',
      'branch names',
      'Branches',
      'Undo a commit',
    ]);
    expect(titles(library.browse({}, 'updated'))).toEqual([
      'Branches',
      'Undo a commit',
      'branch names',
      'awk basics',
    ]);
  });

  it('filters by kind, tag, author, community, tool and date, all at once', () => {
    expect(titles(library.browse({ kind: 'tip' }, 'oldest'))).toEqual([
      'Undo a commit',
      'branch names',
    ]);
    expect(titles(library.browse({ tag: 'git', author: 'Ben' }, 'newest'))).toEqual(['Branches']);
    expect(titles(library.browse({ community: 'personal' }, 'newest'))).toEqual(['awk basics']);
    expect(titles(library.browse({ tool: 'Jira' }, 'newest'))).toEqual(['Undo a commit']);
    expect(titles(library.browse({ tool: 'GitHub' }, 'newest'))).toEqual(['Undo a commit']);
    expect(titles(library.browse({ from: 2 * DAY, until: 4 * DAY }, 'oldest'))).toEqual([
      'Branches',
      'Undo a commit',
    ]);
    expect(library.browse({ kind: 'page', author: 'Ana' }, 'newest')).toEqual([]);
  });

  it('keeps a search ranking, filtered, or puts its hits in the chosen order', () => {
    const ids = new Map(library.browse({}, 'newest').map((e) => [e.title, e.id]));
    const ranked = ['Branches', 'branch names', 'Undo a commit'].map((t) => ids.get(t)!);
    expect(titles(library.browse({}, 'relevance', [...ranked, 'unknown id']))).toEqual([
      'Branches',
      'branch names',
      'Undo a commit',
    ]);
    expect(titles(library.browse({ kind: 'tip' }, 'relevance', ranked))).toEqual([
      'branch names',
      'Undo a commit',
    ]);
    expect(titles(library.browse({}, 'oldest', ranked))).toEqual([
      'Branches',
      'Undo a commit',
      'branch names',
    ]);
  });

  it('lists the values to filter on with their counts, alphabetically', () => {
    expect(library.facets.tag).toEqual([
      { value: 'git', count: 2 },
      { value: 'shell', count: 1 },
      { value: 'text', count: 1 },
    ]);
    expect(library.facets.author).toEqual([
      { value: 'Ana', count: 1 },
      { value: 'Ben', count: 2 },
    ]);
    expect(library.facets.community).toEqual([
      { value: 'personal', count: 1 },
      { value: 'team', count: 3 },
    ]);
    expect(library.facets.tool).toEqual([
      { value: 'GitHub', count: 1 },
      { value: 'Jira', count: 1 },
    ]);
    expect(library.get(library.browse({}, 'title')[0]!.id)?.site).toBe('Example');
    expect(library.browse({ kind: 'snippet' }, 'newest')[0]?.site).toBe('git-scm.com');
  });
});

import { describe, expect, it } from 'vitest';
import { sampleItem } from '../../test/support/items';
import {
  ANNOTATION_MUSTS,
  COLLECTION_MUSTS,
  collectionViolations,
  mustViolations,
  PAGE_MUSTS,
  pageViolations,
} from '../../test/support/web-annotation-musts';
import type { Item, SnippetItem } from '../wire';
import {
  ANNO_CONTEXT,
  annotatable,
  type Annotation,
  type AnnotationCollection,
  toWebAnnotations,
} from './annotations';

type Json = Record<string, unknown>;

const CREATED = Date.UTC(2025, 0, 31, 9, 30, 0, 250);
const UPDATED = Date.UTC(2025, 1, 1, 12, 0, 0, 0);
const OPTIONS = {
  id: 'urn:uuid:0b6c1f7e-4a8e-4a43-9a5f-8e1f1d2c3b4a',
  label: 'Platform team: export',
  generatedAt: Date.UTC(2025, 2, 1),
};

function snippet(exact: string, prefix: string, suffix: string, start: number, values = {}) {
  return sampleItem('snippet', {
    url: 'https://docs.example.org/guide',
    quote: exact,
    selectors: [
      { type: 'TextQuoteSelector', exact, prefix, suffix },
      { type: 'TextPositionSelector', start, end: start + exact.length },
    ],
    sourceTitle: 'Guide',
    createdAt: CREATED,
    updatedAt: UPDATED,
    ...values,
  }) as SnippetItem;
}

/** What a community holds: every kind, with the cases that are skipped. */
function mix(): Item[] {
  return [
    sampleItem('page', {
      url: 'https://blog.example.com/rollbacks',
      title: 'Rollbacks without fear',
      excerpt: 'How we roll back in one command.',
      author: 'Ana',
      note: 'Read before the on-call week.',
      lang: 'en-GB',
      dir: 'ltr',
      createdAt: CREATED,
      updatedAt: UPDATED,
    }),
    sampleItem('page', {
      url: 'https://news.example.net/ar',
      excerpt: 'مرحبا بالعالم',
      lang: 'ar',
      dir: 'rtl',
      tags: [],
    }),
    // A page's `lang` attribute can hold anything: kept out of the file unless it is a tag.
    sampleItem('page', { url: 'https://example.com/', lang: 'english please', excerpt: 'x' }),
    snippet('set -euo pipefail', 'Always start with ', ' in scripts.', 1204),
    snippet('🚀 déploiement', 'Le ', ' du lundi', 42, { note: 'Why Mondays?', author: 'Bo' }),
    snippet('שלום עולם', 'כתוב ', ' כאן', 7, { tags: [] }),
    sampleItem('tip', {
      title: 'Squash before merging',
      body: 'Use **fixup** commits, then `git rebase -i --autosquash`.',
      appliesTo: [
        'github.com/our-org/*',
        'tool:jira',
        '*.gitlab.example.com',
        'https://wiki.corp/x',
      ],
      tool: 'GitHub',
      author: 'Cy',
    }),
    sampleItem('tip', {
      appliesTo: [
        'localhost:3000/admin*',
        'app.example.com/#/settings/*',
        'example.com/search?q=*',
      ],
    }),
    sampleItem('tip', { appliesTo: ['tool:jira'] }),
    sampleItem('tip', { appliesTo: [] }),
    sampleItem('question', { url: 'https://example.com/q', appliesTo: ['github.com'] }),
    sampleItem('path', { url: 'https://example.com/p' }),
    sampleItem('stance', { url: 'https://example.com/s' }),
    sampleItem('page', { url: 'https://example.com/gone', deletedAt: UPDATED }),
    sampleItem('page', { url: 'javascript:alert(1)' }),
    snippet('secret', '', '', 0, { url: 'file:///home/me/notes.html' }),
  ];
}

/** The file as another tool reads it: JSON, not our objects. */
const asRead = (collection: AnnotationCollection): Json => JSON.parse(JSON.stringify(collection));

const exported = (items: readonly Item[]) => toWebAnnotations(items, OPTIONS);
const itemsOf = (collection: AnnotationCollection): Annotation[] => collection.first?.items ?? [];
const annotationFor = (collection: AnnotationCollection, item: Item): Annotation | undefined =>
  itemsOf(collection).find((a) => a.id === `urn:uuid:${item.id}`);

describe('a realistic export', () => {
  const items = mix();
  const collection = exported(items);

  it('breaks none of the model’s MUSTs, as a collection or annotation by annotation', () => {
    expect(collectionViolations(asRead(collection))).toEqual([]);
    for (const annotation of itemsOf(asRead(collection) as unknown as AnnotationCollection)) {
      // Standalone, an annotation needs an @context of its own.
      expect(mustViolations({ '@context': ANNO_CONTEXT, ...annotation })).toEqual([]);
      expect(mustViolations(annotation)).toContain('context');
    }
  });

  it('has one annotation per item with something on the web to point at, in order', () => {
    const kept = items.filter(annotatable);
    expect(kept.map((i) => i.kind)).toEqual([
      'page',
      'page',
      'page',
      'snippet',
      'snippet',
      'snippet',
      'tip',
      'tip',
    ]);
    expect(itemsOf(collection).map((a) => a.id)).toEqual(kept.map((i) => `urn:uuid:${i.id}`));
    expect(collection.total).toBe(kept.length);
    expect(collection).toMatchObject({
      '@context': ANNO_CONTEXT,
      id: OPTIONS.id,
      type: 'AnnotationCollection',
      label: OPTIONS.label,
      generated: '2025-03-01T00:00:00.000Z',
      last: `${OPTIONS.id}#page-1`,
      first: { type: 'AnnotationPage', partOf: OPTIONS.id, startIndex: 0 },
    });
  });

  it('never makes a target of a link that is not http(s)', () => {
    const text = JSON.stringify(collection);
    expect(text).not.toMatch(/javascript:|file:|data:/);
    expect(annotatable(sampleItem('page', { url: 'javascript:alert(1)' }))).toBe(false);
    expect(
      annotatable(
        sampleItem('page', { url: 'data:text/html,x', canonicalUrl: 'https://a.example/' }),
      ),
    ).toBe(true);
    const tip = sampleItem('tip', {
      appliesTo: [
        'javascript:alert(1)',
        'file:///etc/passwd',
        'data:text/html,<b>',
        'chrome://settings',
      ],
    });
    expect(annotatable(tip)).toBe(false);
  });
});

describe('the mapping', () => {
  const items = mix();
  const collection = exported(items);
  const [page, arabic, oddLang, shell, rocket, hebrew, tip, patterns] = items as [
    Item,
    Item,
    Item,
    Item,
    Item,
    Item,
    Item,
    Item,
  ];

  it('bookmarks a page, with its excerpt in its language and direction, and its note', () => {
    expect(annotationFor(collection, page)).toEqual({
      id: `urn:uuid:${page.id}`,
      type: 'Annotation',
      motivation: 'bookmarking',
      creator: { type: 'Person', name: 'Ana' },
      created: '2025-01-31T09:30:00.250Z',
      modified: '2025-02-01T12:00:00.000Z',
      generated: '2025-03-01T00:00:00.000Z',
      body: [
        {
          type: 'TextualBody',
          value: 'How we roll back in one command.',
          format: 'text/plain',
          purpose: 'describing',
          language: 'en-GB',
          textDirection: 'ltr',
        },
        {
          type: 'TextualBody',
          value: 'Read before the on-call week.',
          format: 'text/plain',
          purpose: 'commenting',
        },
        { type: 'TextualBody', value: 'shell', format: 'text/plain', purpose: 'tagging' },
      ],
      target: 'https://blog.example.com/rollbacks',
    });
    expect(annotationFor(collection, arabic)?.body).toEqual([
      expect.objectContaining({ value: 'مرحبا بالعالم', language: 'ar', textDirection: 'rtl' }),
    ]);
    expect(annotationFor(collection, oddLang)?.body?.[0]).not.toHaveProperty('language');
    expect(annotationFor(collection, arabic)).not.toHaveProperty('creator');
  });

  it('highlights a snippet, or comments on it when it has a note', () => {
    expect(annotationFor(collection, shell)).toMatchObject({
      motivation: 'highlighting',
      target: {
        type: 'SpecificResource',
        source: 'https://docs.example.org/guide',
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'set -euo pipefail',
            prefix: 'Always start with ',
            suffix: ' in scripts.',
          },
          { type: 'TextPositionSelector', start: 1204, end: 1221 },
        ],
      },
    });
    expect(annotationFor(collection, rocket)).toMatchObject({
      motivation: 'commenting',
      creator: { type: 'Person', name: 'Bo' },
      body: [
        { type: 'TextualBody', value: 'Why Mondays?', purpose: 'commenting' },
        { type: 'TextualBody', value: 'shell', purpose: 'tagging' },
      ],
    });
    // Nothing to say but the highlight itself: no body at all, which the model allows.
    expect(annotationFor(collection, hebrew)).not.toHaveProperty('body');
  });

  it('comments on the sites a tip applies to, in Markdown, its tools kept as tags', () => {
    expect(annotationFor(collection, tip)).toMatchObject({
      motivation: 'commenting',
      body: [
        { value: 'Squash before merging', format: 'text/plain', purpose: 'describing' },
        {
          value: 'Use **fixup** commits, then `git rebase -i --autosquash`.',
          format: 'text/markdown',
          purpose: 'commenting',
        },
        { value: 'shell', purpose: 'tagging' },
        { value: 'GitHub', purpose: 'tagging' },
        { value: 'Jira', purpose: 'tagging' },
      ],
      target: ['https://github.com/our-org/', 'https://gitlab.example.com/', 'https://wiki.corp/x'],
    });
    expect(annotationFor(collection, patterns)?.target).toEqual([
      'https://localhost:3000/',
      'https://app.example.com/#/settings/',
      'https://example.com/search',
    ]);
  });
});

describe('quotes and offsets', () => {
  const cases: [string, SnippetItem][] = [
    ['astral and combining characters', snippet('👩🏽‍💻 naïve café', 'e\u0301 — ', ' 𝔘𝔫𝔦', 3)],
    ['right-to-left text, with marks', snippet('\u200fשלום\u200e 123 עולם', 'א ', ' ב', 9)],
    ['Arabic with tashkeel', snippet('السَّلَامُ عَلَيْكُمْ', 'قال: ', '.', 120)],
    ['CJK and whitespace', snippet('漢字\u3000かな\n\tカナ', ' ', '', 0)],
    ['a prefix cut inside a surrogate pair', snippet('x', '\udc00tail', '', 65)],
  ];

  it.each(cases)('survive exactly: %s', (_, item) => {
    const read = asRead(exported([item])) as unknown as AnnotationCollection;
    const target = itemsOf(read)[0]?.target;
    expect(target).toEqual({
      type: 'SpecificResource',
      source: item.url,
      selector: item.selectors,
    });
  });
});

describe('an empty export', () => {
  it('has no page, since a page lists one annotation or more', () => {
    const collection = exported([sampleItem('question'), sampleItem('path')]);
    expect(collection).not.toHaveProperty('first');
    expect(collection.total).toBe(0);
    expect(collectionViolations(asRead(collection))).toEqual([]);
  });
});

describe('each MUST check', () => {
  const collection = asRead(exported(mix()));
  const first = collection.first as Json;
  const [pageNote, , , highlight] = first.items as Json[];
  const snippetAnnotation: Json = { '@context': ANNO_CONTEXT, ...highlight };
  const bookmark: Json = { '@context': ANNO_CONTEXT, ...pageNote };

  const withTarget = (target: unknown): Json => ({ ...snippetAnnotation, target });
  const withSource = (source: unknown): Json =>
    withTarget({ ...(snippetAnnotation.target as Json), source });
  const withSelector = (selector: unknown): Json =>
    withTarget({ ...(snippetAnnotation.target as Json), selector });
  const withBody = (body: unknown): Json => ({ ...bookmark, body });
  const textual = (extra: Json): Json => ({ type: 'TextualBody', value: 'v', ...extra });
  const quote = (extra: Json): Json => ({ type: 'TextQuoteSelector', exact: 'e', ...extra });
  const position = (extra: Json): Json => ({
    type: 'TextPositionSelector',
    start: 0,
    end: 1,
    ...extra,
  });
  const drop = (o: Json, key: string): Json =>
    Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

  /** One or more broken annotations per MUST, held against the table so none goes untested. */
  const brokenAnnotations: Record<string, Json[]> = {
    context: [
      drop(snippetAnnotation, '@context'),
      { ...snippetAnnotation, '@context': 'http://schema.org/' },
    ],
    'context-single-as-string': [{ ...snippetAnnotation, '@context': [ANNO_CONTEXT] }],
    id: [
      drop(snippetAnnotation, 'id'),
      { ...snippetAnnotation, id: 'not an iri' },
      { ...snippetAnnotation, id: ['urn:uuid:a', 'urn:uuid:b'] },
    ],
    type: [drop(snippetAnnotation, 'type'), { ...snippetAnnotation, type: 'Note' }],
    target: [drop(snippetAnnotation, 'target'), withTarget([])],
    'resource-recognized': [
      withTarget('just words'),
      withTarget({ format: 'text/html' }),
      withTarget({ value: 'x' }),
    ],
    'external-resource-id': [withTarget({ id: ['https://a.example/', 'https://b.example/'] })],
    'text-direction': [
      withBody([textual({ textDirection: 'sideways' })]),
      withBody([textual({ textDirection: ['ltr', 'rtl'] })]),
    ],
    'textual-body-value': [
      withBody([{ type: 'TextualBody', format: 'text/plain' }]),
      withBody([textual({ value: ['a', 'b'] })]),
    ],
    'target-not-textual-body': [withTarget({ id: 'https://a.example/', type: 'TextualBody' })],
    'body-xor-body-value': [{ ...bookmark, bodyValue: 'a comment' }],
    'body-value-string': [{ ...drop(bookmark, 'body'), bodyValue: 42 }],
    'no-items-outside-choice': [
      withBody([textual({ items: ['https://a.example/'] })]),
      withTarget({ ...(snippetAnnotation.target as Json), items: [] }),
    ],
    'external-resource-no-purpose': [
      withBody([{ id: 'https://a.example/', purpose: 'commenting' }]),
    ],
    created: [
      { ...snippetAnnotation, created: '2025-01-31 09:30' },
      { ...snippetAnnotation, created: '2025-01-31T09:30:00+02:00' },
    ],
    modified: [
      { ...snippetAnnotation, modified: ['2025-01-31T09:30:00Z', '2025-02-01T09:30:00Z'] },
      { ...snippetAnnotation, modified: '2025-02-30T00:00:00Z' },
    ],
    generated: [{ ...snippetAnnotation, generated: 1738315800000 }],
    'agent-single-id': [
      {
        ...snippetAnnotation,
        creator: { type: 'Person', id: ['https://a.example/', 'https://b.example/'] },
      },
      { ...snippetAnnotation, creator: 7 },
    ],
    'rights-iri': [{ ...snippetAnnotation, rights: 'all rights reserved' }],
    'canonical-single-iri': [{ ...snippetAnnotation, canonical: ['urn:uuid:a', 'urn:uuid:b'] }],
    'via-iri': [{ ...snippetAnnotation, via: 'somewhere' }],
    'specific-resource-source': [
      withSource(['https://a.example/', 'https://b.example/']),
      withSource('a page'),
      withSource({ label: 'no id' }),
    ],
    'textual-body-no-source': [withBody([textual({ source: 'https://a.example/' })])],
    'specific-resource-no-value': [
      withTarget({ ...(snippetAnnotation.target as Json), value: 'x' }),
    ],
    'selector-type': [
      withSelector([{ type: 'QuoteSelector', exact: 'e' }]),
      withSelector([{ exact: 'e' }]),
      withSelector([quote({ type: ['TextQuoteSelector', 'CssSelector'] })]),
    ],
    'quote-exact': [
      withSelector([drop(quote({}), 'exact')]),
      withSelector([quote({ exact: ['a', 'b'] })]),
    ],
    'quote-prefix-suffix-at-most-one': [
      withSelector([quote({ prefix: ['a', 'b'] })]),
      withSelector([quote({ suffix: 3 })]),
    ],
    'position-start': [
      withSelector([drop(position({}), 'start')]),
      withSelector([position({ start: -1 })]),
      withSelector([position({ start: 1.5 })]),
    ],
    'position-end': [
      withSelector([position({ end: '1' })]),
      withSelector([position({ end: [1, 2] })]),
    ],
  };

  it('has a broken case for every MUST it checks', () => {
    expect(Object.keys(brokenAnnotations).sort()).toEqual(
      ANNOTATION_MUSTS.map((m) => m.label).sort(),
    );
  });

  it('passes the unbroken annotations it starts from', () => {
    expect(mustViolations(snippetAnnotation)).toEqual([]);
    expect(mustViolations(bookmark)).toEqual([]);
  });

  it.each(Object.entries(brokenAnnotations))(
    'fails on a broken annotation: %s',
    (label, broken) => {
      for (const annotation of broken) expect(mustViolations(annotation)).toContain(label);
    },
  );

  const brokenPages: Record<string, [Json, { embedded: boolean; collectionTotal?: number }][]> = {
    'page-context': [[first, { embedded: false }]],
    'page-id': [
      [drop(first, 'id'), { embedded: true }],
      [{ ...first, id: 'page one' }, { embedded: true }],
    ],
    'page-type': [[{ ...first, type: 'Page' }, { embedded: true }]],
    'page-items': [
      [drop(first, 'items'), { embedded: true }],
      [{ ...first, items: [] }, { embedded: true }],
      [{ ...first, items: [{ type: 'Note' }] }, { embedded: true }],
    ],
    'page-part-of': [[{ ...first, partOf: 'the collection' }, { embedded: true }]],
    'page-start-index': [
      [{ ...first, startIndex: -1 }, { embedded: true }],
      [{ ...first, startIndex: [0, 1] }, { embedded: true }],
    ],
    'page-next-unless-last': [[first, { embedded: true, collectionTotal: 100 }]],
  };

  it('has a broken case for every page MUST', () => {
    expect(Object.keys(brokenPages).sort()).toEqual(PAGE_MUSTS.map((m) => m.label).sort());
    expect(pageViolations({ '@context': ANNO_CONTEXT, ...first }, { embedded: false })).toEqual([]);
  });

  it.each(Object.entries(brokenPages))('fails on a broken page: %s', (label, broken) => {
    for (const [page, where] of broken) expect(pageViolations(page, where)).toContain(label);
  });

  const brokenCollections: Record<string, Json[]> = {
    'collection-context': [drop(collection, '@context')],
    'collection-id': [drop(collection, 'id'), { ...collection, id: 'export' }],
    'collection-type': [{ ...collection, type: 'Collection' }],
    'collection-label-string': [
      { ...collection, label: 12 },
      { ...collection, label: ['a', null] },
    ],
    'collection-total': [
      { ...collection, total: -1 },
      { ...collection, total: 2.5 },
      { ...collection, total: '8' },
    ],
    'collection-first-when-not-empty': [
      drop(collection, 'first'),
      { ...collection, first: { id: 'urn:x:p', type: 'Page' } },
    ],
  };

  it('has a broken case for every collection MUST', () => {
    expect(Object.keys(brokenCollections).sort()).toEqual(
      COLLECTION_MUSTS.map((m) => m.label).sort(),
    );
  });

  it.each(Object.entries(brokenCollections))(
    'fails on a broken collection: %s',
    (label, broken) => {
      for (const c of broken) expect(collectionViolations(c)).toContain(label);
    },
  );

  it('reports a broken annotation inside the collection by its place', () => {
    const items = [...(first.items as Json[])];
    items[2] = drop(items[2] as Json, 'target');
    expect(collectionViolations({ ...collection, first: { ...first, items } })).toEqual([
      'items[2]: target',
    ]);
  });
});

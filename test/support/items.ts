/** The item factory of tests and benches: a valid item of each kind (unit, integration, e2e, bench). */
import {
  type Item,
  type ItemKind,
  type Mutation,
  type PageItem,
  type TipItem,
  uuidv7,
  writableFields,
} from '../../lib/wire';

const KIND_DEFAULTS: Record<ItemKind, Record<string, unknown>> = {
  tip: { body: 'Use `set -euo pipefail`.', tool: null, appliesTo: [] },
  page: {
    html: '<p>page</p>',
    markdown: 'page',
    text: 'page',
    leadImageUrl: null,
    lang: null,
    dir: null,
  },
  snippet: {
    quote: 'quoted',
    truncated: false,
    selectors: [
      { type: 'TextQuoteSelector', exact: 'quoted', prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start: 0, end: 6 },
    ],
    sourceTitle: 'Source',
  },
  question: { details: 'How do we roll back?', appliesTo: [], closedAt: null },
  path: { steps: [] },
  stance: { subject: 'tool:jira', position: 'adopt', reason: 'Everyone has it.' },
};

/** A complete item of that kind, as the extension would hold it before syncing. */
export function sampleItem(kind: ItemKind, values: Record<string, unknown> = {}): Item {
  const now = Date.now();
  return {
    id: uuidv7(),
    community: '',
    kind,
    author: null,
    title: `A ${kind}`,
    url: null,
    canonicalUrl: null,
    siteName: null,
    byline: null,
    publishedTime: null,
    excerpt: null,
    tags: ['shell'],
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    ...KIND_DEFAULTS[kind],
    ...values,
  } as Item;
}

/** The mutation that creates `item` on a server: every field it has, numbered `seq`. */
export function creationOf(item: Item, seq: number): Mutation {
  const values = item as unknown as Record<string, unknown>;
  const fields = Object.fromEntries(
    writableFields(item.kind).map((f) => [f, { value: values[f], base: 0 }]),
  );
  return { op: 'set', seq, at: seq, itemId: item.id, kind: item.kind, fields };
}

/** The same UUIDv7-shaped id for the same n; item n is created at n ms, after item n - 1. */
export function idFor(n: number): string {
  const t = n.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-7000-8000-000000000000`;
}

/** Fields the related tests and benchmark leave empty: only what matching reads varies. */
const plain = (id: string, community: string) => ({
  id,
  community,
  title: '',
  tags: [],
  // The UUIDv7 timestamp, so creation order and id order agree as they do for real items.
  createdAt: Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16) || 0,
  updatedAt: 0,
});

/** A tip for the related tests: the sites it applies to, and what matching reads. */
export function tip(
  id: string,
  appliesTo: string[],
  more: Partial<Pick<TipItem, 'tool' | 'community' | 'deletedAt' | 'createdAt'>> = {},
): TipItem {
  return sampleItem('tip', {
    ...plain(id, more.community ?? 'c1'),
    body: '',
    appliesTo,
    ...more,
  }) as TipItem;
}

/** A page for the related tests, clipped from `url`. */
export function page(
  id: string,
  url: string | null,
  canonicalUrl: string | null = null,
  community = 'c1',
): PageItem {
  return sampleItem('page', {
    ...plain(id, community),
    url,
    canonicalUrl,
    html: '',
    markdown: '',
    text: '',
  }) as PageItem;
}

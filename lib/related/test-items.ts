/** Item factories for the related tests and benchmark: only the fields matching reads vary. */
import type { PageItem, TipItem } from '../wire/schemas';

/** The same UUIDv7-shaped id for the same n; item n is created at n ms, after item n - 1. */
export function idFor(n: number): string {
  const t = n.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8)}-7000-8000-000000000000`;
}

const base = (id: string, community: string) => ({
  id,
  community,
  title: '',
  url: null,
  canonicalUrl: null,
  siteName: null,
  byline: null,
  publishedTime: null,
  excerpt: null,
  tags: [],
  author: null,
  // The UUIDv7 timestamp, so creation order and id order agree as they do for real items.
  createdAt: Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16) || 0,
  updatedAt: 0,
  deletedAt: null,
});

export function tip(
  id: string,
  appliesTo: string[],
  more: Partial<Pick<TipItem, 'tool' | 'community' | 'deletedAt' | 'createdAt'>> = {},
): TipItem {
  return {
    ...base(id, more.community ?? 'c1'),
    kind: 'tip',
    body: '',
    tool: more.tool ?? null,
    appliesTo,
    deletedAt: more.deletedAt ?? null,
    ...(more.createdAt === undefined ? {} : { createdAt: more.createdAt }),
  };
}

export function page(
  id: string,
  url: string | null,
  canonicalUrl: string | null = null,
  community = 'c1',
): PageItem {
  return {
    ...base(id, community),
    kind: 'page',
    url,
    canonicalUrl,
    html: '',
    markdown: '',
    text: '',
    leadImageUrl: null,
    lang: null,
    dir: null,
  };
}

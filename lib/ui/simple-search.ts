import type { Item } from '../wire/schemas';

/** Every query word must appear somewhere in the item; case- and accent-insensitive. */
export function simpleSearch(items: readonly Item[], query: string, limit = 50): Item[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return items.slice(0, limit);
  const out: Item[] = [];
  for (const item of items) {
    const haystack = fold(searchableText(item));
    if (words.every((w) => haystack.includes(w))) out.push(item);
    if (out.length === limit) break;
  }
  return out;
}

export function searchableText(item: Item): string {
  const common = `${item.title} ${item.tags.join(' ')} ${item.siteName ?? ''}`;
  switch (item.kind) {
    case 'page':
      return `${common} ${item.text}`;
    case 'snippet':
      return `${common} ${item.quote} ${item.sourceTitle}`;
    case 'tip':
      return `${common} ${item.tool ?? ''} ${item.body}`;
  }
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

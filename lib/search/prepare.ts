/** Item → what the index stores about it: terms with per-field frequencies, lengths, display info. */
import type { Item } from '../wire';
import type { DocInfo } from './records';
import { fold, STOP_WORDS, tokenize } from './tokenize';

/** Pages can hold megabytes of text; the start of an article says what it is about. */
const MAX_BODY_CHARS = 100_000;
const MAX_TITLE_CHARS = 300;
const SNIPPET_CHARS = 240;
const MAX_FILTER_CHARS = 64;

export const TITLE = 0;
export const META = 1;
export const BODY = 2;

/** Adjacent words are indexed as one "biword" term under this mark, for the phrase boost. */
export const PAIR = '\u0002';
/** Filter values are indexed as terms under this mark, so filtering reads segments like text does. */
const FILTER = '\u0001';

export type FilterField = 'kind' | 'tag' | 'community' | 'author' | 'tool';
const FILTER_CODE: Record<FilterField, string> = {
  kind: 'k',
  tag: 'g',
  community: 'c',
  author: 'a',
  tool: 'o',
};

export function filterTerm(field: FilterField, value: string): string {
  return `${FILTER}${FILTER_CODE[field]}:${fold(value.trim()).slice(0, MAX_FILTER_CHARS)}`;
}

export const pairTerm = (a: string, b: string): string => `${PAIR}${a} ${b}`;

export interface PreparedDoc {
  info: DocInfo;
  /** term → [title, meta, body] frequencies. */
  terms: Map<string, [number, number, number]>;
  titleLength: number;
  bodyLength: number;
}

function bodyOf(item: Item): string {
  switch (item.kind) {
    case 'page':
      return item.text;
    case 'snippet':
      return item.quote;
    case 'tip':
      return item.body;
    case 'question':
      return item.details;
    case 'path':
      return item.steps.map((step) => step.note).join('\n');
    case 'stance':
      return item.reason;
  }
}

function metaOf(item: Item): string[] {
  const out = [...item.tags];
  if (item.note) out.push(item.note);
  if (item.siteName) out.push(item.siteName);
  if (item.kind === 'tip' && item.tool) out.push(item.tool);
  if (item.kind === 'snippet') out.push(item.sourceTitle);
  return out;
}

export function prepare(item: Item): PreparedDoc {
  const terms = new Map<string, [number, number, number]>();
  const add = (term: string, field: number): void => {
    let tf = terms.get(term);
    if (!tf) terms.set(term, (tf = [0, 0, 0]));
    if (tf[field]! < 255) tf[field]!++;
  };
  /**
   * Adds one field's words, and for title and metadata their adjacent pairs; returns how many words
   * it had. Body pairs doubled the index and did not help ranking (docs/search.md).
   */
  const addText = (text: string, field: number): number => {
    let prev: string | null = null;
    let n = 0;
    for (const { term } of tokenize(text)) {
      if (STOP_WORDS.has(term)) continue;
      add(term, field);
      if (field !== BODY && prev !== null && prev !== term) add(pairTerm(prev, term), field);
      prev = term;
      n++;
    }
    return n;
  };

  const body = bodyOf(item).slice(0, MAX_BODY_CHARS);
  const titleLength = addText(item.title, TITLE);
  for (const m of metaOf(item)) addText(m, META);
  const bodyLength = addText(body, BODY);

  const filters: [FilterField, string | null][] = [
    ['kind', item.kind],
    ['community', item.community],
    ['author', item.author],
    ['tool', item.kind === 'tip' ? item.tool : null],
    ...item.tags.map((t): [FilterField, string] => ['tag', t]),
  ];
  for (const [field, value] of filters) if (value) terms.set(filterTerm(field, value), [0, 0, 0]);

  const snippetSource =
    item.kind === 'page'
      ? (item.excerpt ?? item.text)
      : item.kind === 'tip'
        ? withoutMarkdown(body.slice(0, SNIPPET_CHARS * 2))
        : body;
  return {
    info: {
      id: item.id,
      kind: item.kind,
      title: item.title.slice(0, MAX_TITLE_CHARS),
      url: item.url,
      snippet: snippetSource.slice(0, SNIPPET_CHARS),
    },
    terms,
    titleLength: Math.min(titleLength, 65_535),
    bodyLength: Math.min(bodyLength, 65_535),
  };
}

/**
 * A tip's Markdown as the plain text a result line shows: syntax marks out, link text kept. The
 * popup prepares items too, and a Markdown parser would cost it 15 KB gzip for a 240-character
 * line (docs/markdown.md); rendering proper happens in the item view.
 */
export function withoutMarkdown(markdown: string): string {
  return markdown
    .replace(/^\s{0,3}(```|~~~).*$/gm, '')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+\[[ xX]\]\s+|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|\W)_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

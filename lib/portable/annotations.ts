/**
 * Items as a W3C Web Annotation collection (https://www.w3.org/TR/annotation-model/), so that
 * another annotation tool can read what a community clipped. The rules, and the model's
 * requirements the tests check, are in docs/web-annotations.md.
 */
import { findTool, parseAppliesTo, type UrlPattern } from '../related';
import {
  isWebUrl,
  type Item,
  type PageItem,
  type SnippetItem,
  type TextPositionSelector,
  type TextQuoteSelector,
  type TipItem,
} from '../wire';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** An xsd:dateTime in UTC, as the model requires for created, modified and generated (3.3.1). */
export type DateTime = string;

export type Purpose = 'bookmarking' | 'commenting' | 'describing' | 'highlighting' | 'tagging';

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain' | 'text/markdown';
  purpose: Purpose;
  /** BCP 47; only when the item says what language the text is in. */
  language?: string;
  textDirection?: 'ltr' | 'rtl' | 'auto';
}

/** A part of a page: the stored selectors, quote first, as a consumer should prefer them. */
export interface SpecificResource {
  type: 'SpecificResource';
  source: string;
  selector: [TextQuoteSelector, TextPositionSelector];
}

export interface Person {
  type: 'Person';
  name: string;
}

export interface Annotation {
  id: string;
  type: 'Annotation';
  motivation: Purpose;
  creator?: Person;
  created: DateTime;
  modified: DateTime;
  generated: DateTime;
  /** Absent when there is nothing to say but the highlight itself. */
  body?: TextualBody[];
  /** A page, a part of one, or the sites a tip applies to. */
  target: string | SpecificResource | string[];
}

/**
 * Embedded in its collection, so without an @context of its own: it and its annotations take the
 * collection's (model 5.2).
 */
export interface AnnotationPage {
  id: string;
  type: 'AnnotationPage';
  partOf: string;
  startIndex: 0;
  items: Annotation[];
}

export interface AnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generated: DateTime;
  /** Absent when empty: a page MUST list one annotation or more (model 5.2). */
  first?: AnnotationPage;
  last?: string;
}

/** Whether the item becomes an annotation: it is alive and has a web page or site to point at. */
export function annotatable(item: Item): boolean {
  return targetOf(item) !== null;
}

export function toWebAnnotations(
  items: readonly Item[],
  options: { id: string; label: string; generatedAt: number },
): AnnotationCollection {
  const generated = dateTime(options.generatedAt);
  const annotations = items.flatMap((item) => {
    const target = targetOf(item);
    return target === null ? [] : [annotationOf(item, target, generated)];
  });
  const collection: AnnotationCollection = {
    '@context': ANNO_CONTEXT,
    id: options.id,
    type: 'AnnotationCollection',
    label: options.label,
    total: annotations.length,
    generated,
  };
  if (annotations.length === 0) return collection;
  // All in one page: an export is one file, read whole.
  const pageId = `${options.id}#page-1`;
  return {
    ...collection,
    first: {
      id: pageId,
      type: 'AnnotationPage',
      partOf: options.id,
      startIndex: 0,
      items: annotations,
    },
    last: pageId,
  };
}

function annotationOf(item: Item, target: Annotation['target'], generated: DateTime): Annotation {
  const body = [...bodiesOf(item), ...tagBodies(tagsOf(item))];
  return {
    id: `urn:uuid:${item.id}`,
    type: 'Annotation',
    motivation: motivationOf(item),
    ...(item.author ? { creator: person(item.author) } : {}),
    created: dateTime(item.createdAt),
    modified: dateTime(item.updatedAt),
    generated,
    ...(body.length > 0 ? { body } : {}),
    target,
  };
}

const person = (name: string): Person => ({ type: 'Person', name });

function motivationOf(item: Item): Purpose {
  if (item.kind === 'page') return 'bookmarking';
  if (item.kind === 'snippet' && !noteOf(item)) return 'highlighting';
  return 'commenting';
}

/** The target, or null when the item is deleted or has nothing on the web to point at. */
function targetOf(item: Item): Annotation['target'] | null {
  if (item.deletedAt !== null) return null;
  switch (item.kind) {
    case 'page':
      return webUrlOf(item);
    case 'snippet':
      return snippetTarget(item);
    case 'tip': {
      const sites = tipSites(item);
      return sites.length > 0 ? sites : null;
    }
    // Questions, paths and stances are about the community, not about a page.
    default:
      return null;
  }
}

function snippetTarget(item: SnippetItem): SpecificResource | null {
  const source = webUrlOf(item);
  if (source === null) return null;
  const [quote, position] = item.selectors;
  // Copied field by field, so that nothing but the model's keys reaches the file. The offsets
  // count UTF-16 code units, as the DOM (and Hypothesis) do; see docs/web-annotations.md.
  return {
    type: 'SpecificResource',
    source,
    selector: [
      { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      { type: 'TextPositionSelector', start: position.start, end: position.end },
    ],
  };
}

/** The item's own link, only when it is http(s): no other scheme ever becomes a target. */
function webUrlOf(item: Item): string | null {
  return [item.url, item.canonicalUrl].find((url) => url !== null && isWebUrl(url)) ?? null;
}

/**
 * A tip's "Applies to" entries as targets. The model's targets are resources named by an IRI, and
 * a pattern names many pages, so each pattern becomes the one address it spells out up to its
 * first `*`: `github.com/org/*` → `https://github.com/org/`, `*.example.com` → the site
 * `https://example.com/`, `example.com/search?q=*` → `https://example.com/search`. No scheme or
 * `*://` reads as https. A `tool:` entry names a tool wherever it is hosted, which no single
 * address does: it is kept as a tag with the tool's name instead (tagsOf). Entries that do not
 * parse are left out, as the matcher leaves them out.
 */
function tipSites(item: TipItem): string[] {
  const sites = item.appliesTo.flatMap((entry) => {
    const parsed = parseAppliesTo(entry);
    return parsed.ok && parsed.target.kind === 'pattern'
      ? [patternAddress(parsed.target.pattern)]
      : [];
  });
  return [...new Set(sites)];
}

function patternAddress(p: UrlPattern): string {
  const scheme = p.scheme === '*' ? 'https' : p.scheme;
  const origin = `${scheme}://${p.host}${p.port === null ? '' : `:${p.port}`}`;
  const path = uptoWildcard(p.path.text) || '/';
  // Past the first `*` nothing is literal any more: the query and fragment are kept only before it.
  const literalPath = !p.path.text.includes('*');
  const query = literalPath && p.query !== null ? p.query.text : null;
  if (query?.includes('*')) return new URL(origin + path).href;
  const hash = literalPath && p.hash !== null ? `#${uptoWildcard(p.hash.text)}` : '';
  return new URL(`${origin}${path}${query === null ? '' : `?${query}`}${hash}`).href;
}

/** `/org/*` → `/org/`, `/org*` → `/`: the text before the first `*`, back to a whole segment. */
function uptoWildcard(text: string): string {
  const star = text.indexOf('*');
  return star < 0 ? text : text.slice(0, text.lastIndexOf('/', star) + 1);
}

function bodiesOf(item: Item): TextualBody[] {
  const bodies: TextualBody[] = [];
  if (item.kind === 'page' && item.excerpt?.trim()) bodies.push(excerptBody(item, item.excerpt));
  if (item.kind === 'tip') {
    if (item.title.trim()) bodies.push(textBody(item.title, 'describing'));
    if (item.body.trim())
      bodies.push({ ...textBody(item.body, 'commenting'), format: 'text/markdown' });
  }
  const note = noteOf(item);
  if (note) bodies.push(textBody(note, 'commenting'));
  return bodies;
}

/** The page's own words, so they carry the page's language and direction when it declared them. */
function excerptBody(page: PageItem, excerpt: string): TextualBody {
  const language = page.lang !== null && LANGUAGE_TAG.test(page.lang) ? page.lang : null;
  return {
    ...textBody(excerpt, 'describing'),
    ...(language ? { language } : {}),
    ...(page.dir ? { textDirection: page.dir } : {}),
  };
}

/** The shape of a BCP 47 tag, which is what the model asks for; a page's `lang` can be anything. */
const LANGUAGE_TAG = /^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i;

const textBody = (value: string, purpose: Purpose): TextualBody => ({
  type: 'TextualBody',
  value,
  format: 'text/plain',
  purpose,
});

const noteOf = (item: Item): string | null => item.note?.trim() || null;

/** The item's tags, and for a tip the tools it names (its `tool` label and `tool:` entries). */
function tagsOf(item: Item): string[] {
  if (item.kind !== 'tip') return item.tags;
  const tools = item.appliesTo.flatMap((entry) => {
    const parsed = parseAppliesTo(entry);
    return parsed.ok && parsed.target.kind === 'tool' ? [parsed.target.tool.name] : [];
  });
  const label = item.tool?.trim();
  const named = label ? [findTool(label)?.name ?? label] : [];
  return [...new Set([...item.tags, ...named, ...tools])];
}

const tagBodies = (tags: readonly string[]): TextualBody[] =>
  tags.map((tag) => textBody(tag, 'tagging'));

const dateTime = (ms: number): DateTime => new Date(ms).toISOString();

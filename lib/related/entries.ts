/**
 * The compact form of an item that related tips need: what matching reads (rules.ts) and what the
 * panel shows, without article bodies. The persisted index (persisted.ts) stores entries under the
 * keys a visited URL looks up, so a navigation reads the few entries that could match it.
 */
import type { Item } from '../wire';
import { parseAppliesTo, type AppliesToResult } from './applies-to';
import { literalSegments } from './matcher';
import { rulesOf, type RelatedSource } from './rules';
import { readVisit } from './visit';

/** The panel shows this much of a tip's body, a snippet's quote or a page's excerpt. */
export const ENTRY_TEXT_CHARS = 600;

export type RelatedEntry = RelatedSource & {
  title: string;
  /** The start of the body the panel shows, at most ENTRY_TEXT_CHARS (then an ellipsis). */
  text: string;
  author: string | null;
  /**
   * Kept for open questions and for tips that answer one: whose question it is, and whose
   * answer, decide who is told of an answer and who may close (by member id, never by name).
   */
  authorId?: string;
  /** A tip's answered question ids, when it answers some. */
  answers?: string[];
};

/**
 * The keys listing a community's open questions, a community's paths and stances, and a
 * question's answers.
 */
export const questionsKey = (community: string) => `q:${community}`;
export const pathsAndStancesKey = (community: string) => `ps:${community}`;
export const answersKey = (questionId: string) => `a:${questionId}`;

function shown(item: Item): string {
  const text =
    item.kind === 'tip'
      ? item.body
      : item.kind === 'question'
        ? item.details
        : item.kind === 'snippet'
          ? item.quote
          : (item.excerpt ?? '');
  return text.length > ENTRY_TEXT_CHARS ? `${text.slice(0, ENTRY_TEXT_CHARS)}…` : text;
}

/** An item's entry; deleted items and retired tips (kept, never shown in the panel) have none. */
export function entryOf(item: Item): RelatedEntry | null {
  if (item.deletedAt !== null) return null;
  if (item.kind === 'tip' && item.retiredAt != null) return null;
  const common = {
    id: item.id,
    community: item.community,
    createdAt: item.createdAt,
    deletedAt: null,
    title: item.title,
    text: shown(item),
    author: item.author,
  };
  const authorId = item.authorId === undefined ? {} : { authorId: item.authorId };
  if (item.kind === 'question') {
    if (item.closedAt !== null) return null;
    return { ...common, ...authorId, kind: 'question', appliesTo: item.appliesTo, closedAt: null };
  }
  if (item.kind === 'tip') {
    const answers = item.answers?.length ? { ...authorId, answers: item.answers } : {};
    return { ...common, ...answers, kind: 'tip', appliesTo: item.appliesTo, tool: item.tool };
  }
  return { ...common, kind: item.kind, url: item.url, canonicalUrl: item.canonicalUrl };
}

/**
 * The keys an entry is stored under: `h:` an exact host, `w:` a `*.` host, `p:` a page (see
 * RelatedIndex, which looks candidates up the same three ways). A pattern whose path starts with
 * a literal segment is under `host/segment`: 800 teams' `github.com/<org>/*` tips make 800 small
 * records, not one that every GitHub page reads. No keys: it matches nothing.
 */
export function keysOf(
  entry: RelatedEntry,
  parse: (entry: string) => AppliesToResult = parseAppliesTo,
): string[] {
  const rules = rulesOf(entry, parse);
  const keys = new Set<string>();
  // Listed wherever they apply, too: the popup counts a community's open questions, a question's
  // view lists its answers, and the popup and the panel find the Start here path and the
  // stances, without reading every item.
  if (entry.kind === 'question') keys.add(questionsKey(entry.community));
  if (entry.kind === 'path' || entry.kind === 'stance')
    keys.add(pathsAndStancesKey(entry.community));
  for (const id of entry.answers ?? []) keys.add(answersKey(id));
  for (const { pattern } of rules.patterns) {
    const [first] = literalSegments(pattern.path.text);
    const host = `${pattern.subdomains ? 'w' : 'h'}:${pattern.host}`;
    keys.add(first === undefined ? host : `${host}/${first}`);
  }
  for (const { key } of rules.pageKeys) keys.add(`p:${key}`);
  return [...keys];
}

/**
 * The keys whose entries could match this URL: its host and each of its `*.` parents, with and
 * without its first path segment, and its page.
 */
export function candidateKeys(url: string): string[] {
  const visit = readVisit(url);
  if (!visit) return [];
  const [first] = visit.segments;
  const keys: string[] = [];
  const add = (host: string) => {
    keys.push(host);
    if (first !== undefined) keys.push(`${host}/${first}`);
  };
  add(`h:${visit.host}`);
  for (let h = visit.host; ;) {
    add(`w:${h}`);
    const dot = h.indexOf('.');
    if (dot < 0) break;
    h = h.slice(dot + 1);
  }
  keys.push(`p:${visit.pageKey}`);
  return keys;
}

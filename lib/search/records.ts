/**
 * The persisted form of the index and the helpers that read and build it.
 *
 * Records, by key:
 * - `meta`: counters, per-document field lengths (for BM25) and the list of segment keys.
 * - `s:<prefix>`: a segment, i.e. every term that starts with <prefix> with its postings, terms
 *   sorted so that a prefix is a contiguous range. Segments start at two characters and split one
 *   character deeper when they grow past SPLIT_POSTINGS, so no read is large and a prefix query
 *   reads one subtree.
 * - `d:<block>`: what a result shows (id, kind, title, url, snippet) for 16 document numbers, few
 *   enough that showing ten results reads little.
 * - `f:<block>`: each document's terms, for 256 document numbers; read only to update or delete.
 * - `i:<shard>`: item id → document number, hashed into 256 shards; read only to update or delete.
 * - `x`: the delta, postings of recent small writes kept apart from the segments (DeltaRecord).
 */
import type { ItemKind } from '../wire';

/** 4: tip snippets are plain text, without Markdown syntax. */
export const FORMAT_VERSION = 4;
export const META_KEY = 'meta';
export const DOC_BLOCK = 16;
export const FWD_BLOCK = 256;
const ID_SHARDS = 256;
/** ~150 kB per segment: cheap to clone, yet few enough records for one query to need a handful. */
export const SPLIT_POSTINGS = 20_000;

export interface MetaRecord {
  v: number;
  /**
   * Size of the delta (its postings and stale terms); 0 or absent when there is none, as in
   * indexes stored before the delta existed, which read as they did.
   */
  delta?: number;
  /** Next document number; numbers of deleted documents are not reused. */
  nextDoc: number;
  count: number;
  sumTitle: number;
  sumBody: number;
  /** [titleLength, bodyLength] per document number, in tokens, clamped to 65535. */
  lens: Uint16Array;
  /** Every segment key, sorted. */
  keys: string[];
}

/**
 * Recent small writes, read as if merged into the segments: a clipped page's words fall in a
 * hundred or more segments, and rewriting each (one IndexedDB record apiece) was most of a clip's
 * cost. Merged into the segments for real by the write that takes it past DELTA_POSTINGS.
 */
export interface DeltaRecord {
  /** Postings of the documents written since the last merge, by term. */
  postings: SegmentRecord;
  /** Documents whose postings in the segments are stale: replaced or removed since. */
  staleDocs: Uint32Array;
  /** The terms those stale postings are under, sorted. */
  staleTerms: string[];
}

export const DELTA_KEY = 'x';
/** A delta this large is merged: a few pages' or a thousand tips' words, ~150 kB. */
export const DELTA_POSTINGS = 20_000;

export interface SegmentRecord {
  /** Sorted by code unit, so a prefix is a contiguous range. */
  terms: string[];
  /** Postings of terms[i] are docs[offs[i]..offs[i+1]). */
  offs: Uint32Array;
  docs: Uint32Array;
  /** Three term frequencies per posting: title, metadata (tags, tool, site), body. Capped at 255. */
  tfs: Uint8Array;
}

export interface DocInfo {
  id: string;
  kind: ItemKind;
  title: string;
  url: string | null;
  snippet: string;
}

export interface DocBlockRecord {
  docs: (DocInfo | null)[];
}

export interface ForwardBlockRecord {
  /** Each document's distinct terms joined by "\n"; null for free numbers. */
  docs: (string | null)[];
}

export interface IdShardRecord {
  /** A Map, not an object: ids are data, and "__proto__" must stay one. */
  ids: Map<string, number>;
}

export type SearchRecord =
  MetaRecord | SegmentRecord | DocBlockRecord | ForwardBlockRecord | IdShardRecord | DeltaRecord;

export const segmentRecordKey = (prefix: string): string => `s:${prefix}`;
export const docBlockKey = (doc: number): string => `d:${Math.floor(doc / DOC_BLOCK)}`;
export const forwardBlockKey = (doc: number): string => `f:${Math.floor(doc / FWD_BLOCK)}`;

export function idShardKey(id: string): string {
  // FNV-1a: stable across sessions and engines, unlike anything built in.
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return `i:${(h >>> 0) % ID_SHARDS}`;
}

/** Prefixes that have been split, derived from the keys: a key with a longer key under it. */
export function splitPrefixes(keys: readonly string[]): Set<string> {
  const split = new Set<string>();
  for (const k of keys) for (let n = 2; n < k.length; n++) split.add(k.slice(0, n));
  return split;
}

/** The segment that holds (or would hold) `term`. */
export function segmentOf(term: string, split: ReadonlySet<string>): string {
  let n = Math.min(2, term.length);
  while (n < term.length && split.has(term.slice(0, n))) n++;
  return term.slice(0, n);
}

/** Index of the first element of sorted `list` that is ≥ `s`. */
export function lowerBound(list: readonly string[], s: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function findTerm(seg: SegmentRecord, term: string): number {
  const i = lowerBound(seg.terms, term);
  return seg.terms[i] === term ? i : -1;
}

/** A term's postings: views into its stored segment, or arrays a write is adding to. */
export interface Postings {
  docs: ArrayLike<number>;
  /** Three per posting, as in SegmentRecord. */
  tfs: ArrayLike<number>;
}

/**
 * A segment's terms with their postings as views, not copies: a write touches a few terms of
 * each segment it reads, and copying every posting of a 20,000-posting segment made a single
 * clipped page cost ~150 ms at 50,000 items.
 */
export function decodeSegment(seg: SegmentRecord | undefined): Map<string, Postings> {
  const out = new Map<string, Postings>();
  if (!seg) return out;
  for (let i = 0; i < seg.terms.length; i++) {
    const a = seg.offs[i]!;
    const b = seg.offs[i + 1]!;
    out.set(seg.terms[i]!, {
      docs: seg.docs.subarray(a, b),
      tfs: seg.tfs.subarray(a * 3, b * 3),
    });
  }
  return out;
}

/** Positions in sorted `list` of the terms that segment `prefix` holds (not a split below it). */
function inSegment(list: readonly string[], prefix: string, split: ReadonlySet<string>): number[] {
  const out: number[] = [];
  for (let i = lowerBound(list, prefix); i < list.length && list[i]!.startsWith(prefix); i++) {
    if (segmentOf(list[i]!, split) === prefix) out.push(i);
  }
  return out;
}

/** `p` without the postings of `docs`. */
export function withoutDocs(p: Postings, docs: ReadonlySet<number>): Postings {
  const out = { docs: [] as number[], tfs: [] as number[] };
  for (let i = 0; i < p.docs.length; i++) {
    if (docs.has(p.docs[i]!)) continue;
    out.docs.push(p.docs[i]!);
    out.tfs.push(p.tfs[3 * i]!, p.tfs[3 * i + 1]!, p.tfs[3 * i + 2]!);
  }
  return out;
}

/** Segment `prefix` as it reads with the delta: stale postings out, the delta's in. */
export function withDelta(
  raw: SegmentRecord | undefined,
  prefix: string,
  delta: DeltaRecord,
  staleDocs: ReadonlySet<number>,
  split: ReadonlySet<string>,
): SegmentRecord | undefined {
  const added = inSegment(delta.postings.terms, prefix, split);
  const stale = raw ? inSegment(delta.staleTerms, prefix, split) : [];
  if (added.length === 0 && stale.length === 0) return raw;
  const terms = decodeSegment(raw);
  for (const i of stale) {
    const p = terms.get(delta.staleTerms[i]!);
    if (p) terms.set(delta.staleTerms[i]!, withoutDocs(p, staleDocs));
  }
  const d = delta.postings;
  for (const i of added) {
    const [a, b] = [d.offs[i]!, d.offs[i + 1]!];
    const before = terms.get(d.terms[i]!) ?? { docs: [], tfs: [] };
    const docs = new Uint32Array(before.docs.length + b - a);
    docs.set(before.docs);
    docs.set(d.docs.subarray(a, b), before.docs.length);
    const tfs = new Uint8Array(docs.length * 3);
    tfs.set(before.tfs);
    tfs.set(d.tfs.subarray(a * 3, b * 3), before.tfs.length);
    terms.set(d.terms[i]!, { docs, tfs });
  }
  return encodeSegment(terms);
}

export function encodeSegment(terms: Map<string, Postings>): SegmentRecord {
  const sorted = [...terms.keys()].filter((t) => terms.get(t)!.docs.length > 0).sort();
  let total = 0;
  for (const t of sorted) total += terms.get(t)!.docs.length;
  const offs = new Uint32Array(sorted.length + 1);
  const docs = new Uint32Array(total);
  const tfs = new Uint8Array(total * 3);
  let at = 0;
  sorted.forEach((t, i) => {
    const p = terms.get(t)!;
    offs[i] = at;
    docs.set(p.docs, at);
    tfs.set(p.tfs, at * 3);
    at += p.docs.length;
  });
  offs[sorted.length] = at;
  return { terms: sorted, offs, docs, tfs };
}

/**
 * Splits an oversized segment one character deeper, recursively, so every piece stays under
 * SPLIT_POSTINGS unless it is a single term. Returns the pieces by key; the remainder (the term
 * equal to the key, if any) keeps the original key.
 */
export function splitSegment(
  key: string,
  terms: Map<string, Postings>,
): Map<string, Map<string, Postings>> {
  const out = new Map<string, Map<string, Postings>>();
  let size = 0;
  let longer = false;
  for (const [t, p] of terms) {
    size += p.docs.length;
    if (t.length > key.length) longer = true;
  }
  if (size <= SPLIT_POSTINGS || !longer) {
    out.set(key, terms);
    return out;
  }
  const children = new Map<string, Map<string, Postings>>();
  const rest = new Map<string, Postings>();
  for (const [t, p] of terms) {
    if (t.length === key.length) {
      rest.set(t, p);
      continue;
    }
    const child = t.slice(0, key.length + 1);
    let m = children.get(child);
    if (!m) children.set(child, (m = new Map()));
    m.set(t, p);
  }
  if (rest.size > 0) out.set(key, rest);
  for (const [child, m] of children) for (const [k, v] of splitSegment(child, m)) out.set(k, v);
  return out;
}

/**
 * Ranked full-text search over items, persisted in a SearchStore in a form a fresh popup can query
 * after reading a handful of records (see records.ts), and updated item by item.
 *
 *   const index = await createSearchIndex(store);  // write.ts; openSearchIndex reads only
 *   await index.upsert(items);          // also removes items that carry deletedAt
 *   const hits = await index.search('git undo', { filters: { kind: 'tip' }, limit: 10 });
 *
 * Ranking: BM25F over title, metadata (tags, tool, site) and body; the word being typed matches as
 * a prefix; a word of four or more letters that is not in the index matches its one-typo
 * neighbours; adjacent query words found adjacent in a document add a phrase boost; documents that
 * match more of the query words rank above those that match fewer.
 *
 * One writer per store (the background). An index open in another context (a popup left open)
 * does not see those writes until it calls refresh(); it must not write itself.
 */
import type { Item, ItemKind } from '../wire';
import { mayHoldTypo, typoHeads, withinOneEdit } from './fuzzy';
import { highlight, type Range } from './highlight';
import { type FilterField, filterTerm, pairTerm } from './prepare';
import { parseQuery, type QueryTerm } from './query';
import {
  DELTA_KEY,
  type DeltaRecord,
  type DocBlockRecord,
  docBlockKey,
  DOC_BLOCK,
  findTerm,
  FORMAT_VERSION,
  lowerBound,
  META_KEY,
  type MetaRecord,
  type SearchRecord,
  type SegmentRecord,
  segmentOf,
  segmentRecordKey,
  splitPrefixes,
  withDelta,
} from './records';
import type { SearchStore } from './store';
import { SYNONYMS } from './synonyms';

export interface SearchFilters {
  kind?: ItemKind | readonly ItemKind[];
  tag?: string | readonly string[];
  community?: string | readonly string[];
  author?: string | readonly string[];
  tool?: string | readonly string[];
}

export interface SearchOptions {
  /** Fields combine with AND, several values of one field with OR. */
  filters?: SearchFilters;
  /** Default 20, at most 200. */
  limit?: number;
}

export interface SearchResult {
  id: string;
  kind: ItemKind;
  score: number;
  title: string;
  url: string | null;
  /** The start of the body (tip, quote, or page excerpt), up to 240 characters. */
  snippet: string;
  /** Index terms this query matched (after prefix and typo expansion), for highlight(). */
  terms: string[];
  highlights: { title: Range[]; snippet: Range[] };
}

export interface SearchIndex {
  /** Number of indexed items. */
  readonly size: number;
  /** Adds or replaces items; items with deletedAt set are removed instead. */
  upsert(items: readonly Item[]): Promise<void>;
  remove(ids: readonly string[]): Promise<void>;
  /** Never throws on odd input; a query with nothing searchable gives []. */
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
  /** Forgets what was read, so the next search sees another context's writes. */
  refresh(): Promise<void>;
}

// Ranking constants, tuned on bench/judgments/tldr.json.
const K1 = 1.2;
const WEIGHT = { title: 6, meta: 3, body: 1 };
const B_TITLE = 0.5;
const B_BODY = 0.3;
const PHRASE_WEIGHT = 0.6;
/** A title made only of query words is very likely what was asked for ("tar", "git stash"). */
const WHOLE_TITLE_BONUS = 0.5;
const TYPO_WEIGHT = 0.6;
const MAX_PREFIX_EXPANSIONS = 40;
/**
 * In a large index, a term in more than this share of documents ranks almost nothing (its idf is
 * near 0) yet costs a pass over every document: it is skipped unless the query has nothing else.
 */
const UBIQUITOUS_SHARE = 0.5;
const UBIQUITOUS_MIN_DOCS = 1000;
const MAX_TYPO_EXPANSIONS = 8;
/**
 * A one-word query skips expansions that cannot reach its running top (scoreWord) up to this many
 * results: keeping the top is a scan of it per document that enters, cheap for a popup's page.
 */
const MAX_PRUNED_LIMIT = 20;
const MIN_TYPO_CHARS = 4;
/** A word of the query's synonym group (synonyms.ts) weighs this much of the word itself. */
const SYNONYM_WEIGHT = 0.3;

interface Allowed {
  mask: Uint8Array;
  need: number;
}

interface Expansion {
  term: string;
  weight: number;
  /** A completion of the word being typed: a guess at what is still to come. */
  guess?: true;
}

function emptyMeta(): MetaRecord {
  return {
    v: FORMAT_VERSION,
    nextDoc: 0,
    count: 0,
    sumTitle: 0,
    sumBody: 0,
    lens: new Uint16Array(0),
    keys: [],
  };
}

/**
 * Does document `d` with `score` rank above entry `e`? Ties go to the newer document. Compared as
 * numbers, so that the documents that do not make the list allocate nothing.
 */
const beats = (d: number, score: number, e: readonly [number, number]): boolean =>
  score > e[1] || (score === e[1] && d > e[0]);

/** What a writer (write.ts) reads and changes of an open index. */
export interface IndexCore {
  readonly store: SearchStore;
  meta(): MetaRecord;
  /** Prefixes that have been split (see records.ts). */
  split(): ReadonlySet<string>;
  load<T extends SearchRecord>(
    keys: readonly string[] | ReadonlySet<string>,
  ): Promise<Map<string, T>>;
  segmentKey(term: string): string;
  /** A loaded segment as it reads with the delta. */
  segmentAt(key: string): SegmentRecord | undefined;
  currentDelta(): { record: DeltaRecord; staleDocs: ReadonlySet<number> } | null;
  /** A write was stored: reads see its records and meta from now on. */
  stored(records: ReadonlyMap<string, SearchRecord | null>, meta: MetaRecord): void;
}

export type Writer = (
  core: IndexCore,
  items: readonly Item[],
  removeIds: readonly string[],
) => Promise<void>;

/** Opens the index kept in `store` to read it only (a popup, the library): see write.ts. */
export function openSearchIndex(store: SearchStore): Promise<SearchIndex> {
  return openIndex(store, () =>
    Promise.reject(new Error('This search index was opened to read only.')),
  );
}

/** The index kept in `store`, read through a cache; `write` makes its changes. */
export async function openIndex(store: SearchStore, write: Writer): Promise<SearchIndex> {
  /** Records read so far; null marks a key known to be absent. */
  const cache = new Map<string, SearchRecord | null>();
  /** Segments as they read with the delta, made as reads need them; dropped when it changes. */
  const views = new Map<string, SegmentRecord | null>();
  let deltaOf: { record: DeltaRecord; staleDocs: Set<number> } | null = null;
  let meta = emptyMeta();
  let split = new Set<string>();
  async function readMeta(): Promise<void> {
    const [stored] = (await store.get([META_KEY])) as [MetaRecord | undefined];
    cache.clear();
    views.clear();
    meta = stored ?? emptyMeta();
    if (meta.v !== FORMAT_VERSION) {
      // Another format: the caller sees size 0 and re-adds its items.
      await store.clear();
      meta = emptyMeta();
    }
    split = splitPrefixes(meta.keys);
  }
  await readMeta();
  let writing: Promise<void> = Promise.resolve();

  async function load<T extends SearchRecord>(
    keys: readonly string[] | ReadonlySet<string>,
  ): Promise<Map<string, T>> {
    const missing = [...new Set(keys)].filter((k) => !cache.has(k));
    // Whatever reads segments reads them with the delta: it comes with the first of them.
    if (meta.delta && !cache.has(DELTA_KEY) && !missing.includes(DELTA_KEY))
      missing.push(DELTA_KEY);
    if (missing.length > 0) {
      const values = await store.get(missing);
      missing.forEach((k, i) => cache.set(k, values[i] ?? null));
    }
    const out = new Map<string, T>();
    for (const k of keys) {
      const v = cache.get(k);
      if (v) out.set(k, v as T);
    }
    return out;
  }

  /** The delta, once loaded (load reads it with the first segments), with its stale set. */
  function currentDelta() {
    const record = meta.delta ? (cache.get(DELTA_KEY) as DeltaRecord | null | undefined) : null;
    if (!record) return null;
    if (deltaOf?.record !== record) deltaOf = { record, staleDocs: new Set(record.staleDocs) };
    return deltaOf;
  }

  /** A loaded segment as it reads with the delta. */
  function segmentAt(key: string): SegmentRecord | undefined {
    const raw = (cache.get(key) as SegmentRecord | null | undefined) ?? undefined;
    const delta = currentDelta();
    if (!delta || !cache.has(key)) return raw;
    let view = views.get(key);
    if (view === undefined) {
      view = withDelta(raw, key.slice(2), delta.record, delta.staleDocs, split) ?? null;
      views.set(key, view);
    }
    return view ?? undefined;
  }

  const segmentKey = (term: string): string => segmentRecordKey(segmentOf(term, split));
  const segmentFor = (term: string): SegmentRecord | undefined => segmentAt(segmentKey(term));

  /** Keys of the segments under `prefix`: the one that holds it and any split below it. */
  function subtreeKeys(prefix: string): string[] {
    const out = [segmentKey(prefix)];
    for (let i = lowerBound(meta.keys, prefix); i < meta.keys.length; i++) {
      const k = meta.keys[i]!;
      if (!k.startsWith(prefix)) break;
      // The segment that holds the prefix may be keyed by the prefix itself: listed once.
      if (segmentRecordKey(k) !== out[0]) out.push(segmentRecordKey(k));
    }
    return out;
  }

  function typoKeys(term: string): string[] {
    const out: string[] = [];
    for (const head of typoHeads(term)) {
      for (let i = lowerBound(meta.keys, head); i < meta.keys.length; i++) {
        const k = meta.keys[i]!;
        if (!k.startsWith(head)) break;
        if (mayHoldTypo(term, k)) out.push(segmentRecordKey(k));
      }
    }
    return out;
  }

  /** Every term under `prefix` in the loaded segments, with its document frequency. */
  function* termsUnder(prefix: string, keys: readonly string[]): Generator<[string, number]> {
    for (const key of keys) {
      const seg = segmentAt(key);
      if (!seg) continue;
      for (let i = lowerBound(seg.terms, prefix); i < seg.terms.length; i++) {
        const t = seg.terms[i]!;
        if (!t.startsWith(prefix)) break;
        yield [t, seg.offs[i + 1]! - seg.offs[i]!];
      }
    }
  }

  const topByDf = (found: [string, number, number][], n: number): Expansion[] =>
    found
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([term, , weight]) => ({ term, weight }));

  function docFrequency(term: string): number {
    const seg = segmentFor(term);
    const i = seg ? findTerm(seg, term) : -1;
    return seg && i >= 0 ? seg.offs[i + 1]! - seg.offs[i]! : 0;
  }

  function prefixExpansions(q: QueryTerm): Expansion[] {
    const found: [string, number, number][] = [];
    for (const [t, df] of termsUnder(q.term, subtreeKeys(q.term))) {
      if (t === q.term) continue;
      // A completion is likelier the less of it is left to type.
      found.push([t, df, 0.4 + (0.5 * q.term.length) / t.length]);
    }
    return topByDf(found, MAX_PREFIX_EXPANSIONS).map((e) => ({ ...e, guess: true }));
  }

  function typoExpansions(term: string): Expansion[] {
    const found: [string, number, number][] = [];
    for (const head of typoHeads(term)) {
      for (const [t, df] of termsUnder(head, typoKeys(term))) {
        if (t !== term && withinOneEdit(term, t)) found.push([t, df, 0]);
      }
    }
    // Of the words one typo away, the common one is likelier meant than the rare one.
    const maxDf = found.reduce((max, [, df]) => Math.max(max, df), 1);
    for (const f of found) f[2] = TYPO_WEIGHT * Math.sqrt(f[1] / maxDf);
    return topByDf(found, MAX_TYPO_EXPANSIONS);
  }

  // Per-query scratch, sized to the document numbers and reused so that typing allocates little.
  let total = new Float64Array(0);
  let best = new Float64Array(0);
  let hits = new Uint8Array(0);
  /** Query words found in the title, per document; `inTitle` marks the word being scored. */
  let titleHits = new Uint8Array(0);
  let inTitle = new Uint8Array(0);
  let local = new Int32Array(0);
  let touched = new Int32Array(0);
  /** Marks the documents in the running top of a one-word query (see scoreWord). */
  let inTop = new Uint8Array(0);
  let touchedCount = 0;
  /** Per document: field weight over BM25 length normalization, for title and body. */
  let norms = new Float32Array(0);
  let normsOf: MetaRecord | null = null;
  function scratch(): void {
    if (total.length < meta.nextDoc) {
      const n = Math.ceil(Math.max(meta.nextDoc, 1024) * 1.25);
      total = new Float64Array(n);
      best = new Float64Array(n);
      hits = new Uint8Array(n);
      titleHits = new Uint8Array(n);
      inTitle = new Uint8Array(n);
      local = new Int32Array(n);
      touched = new Int32Array(n);
      inTop = new Uint8Array(n);
    }
    if (normsOf !== meta) {
      const { lens, nextDoc } = meta;
      const avgTitle = meta.sumTitle / meta.count || 1;
      const avgBody = meta.sumBody / meta.count || 1;
      norms = new Float32Array(2 * nextDoc);
      for (let d = 0; d < nextDoc; d++) {
        norms[2 * d] = WEIGHT.title / (1 - B_TITLE + (B_TITLE * lens[2 * d]!) / avgTitle);
        norms[2 * d + 1] = WEIGHT.body / (1 - B_BODY + (B_BODY * lens[2 * d + 1]!) / avgBody);
      }
      normsOf = meta;
    }
    touchedCount = 0;
  }

  /**
   * Adds one query word's BM25F score to `total`. Several expansions of the word count once per
   * document (the best one), so a short prefix does not outrank a whole word.
   *
   * With `agreeing`, guesses (completions of the word being typed) only add to documents that the
   * query's other words, or this word's own term or synonyms, already matched: a guess counts
   * where the rest of the query agrees with it. Completions of a word's first letters ("co") are
   * the commonest terms of the index, and scoring them everywhere was most of a slow keystroke.
   */
  function scoreWord(
    expansions: Expansion[],
    counts: boolean,
    agreeing = false,
    alone = false,
    pruneTo = 0,
  ): boolean {
    const n = meta.count;
    let localCount = 0;
    const idfOf = (df: number, weight: number): number =>
      Math.log(1 + (n - df + 0.5) / (df + 0.5)) * weight;
    const found: { e: Expansion; seg: SegmentRecord; from: number; to: number; idf: number }[] = [];
    for (const e of expansions) {
      const seg = segmentFor(e.term);
      const i = seg ? findTerm(seg, e.term) : -1;
      if (!seg || i < 0) continue;
      const from = seg.offs[i]!;
      const to = seg.offs[i + 1]!;
      found.push({ e, seg, from, to, idf: idfOf(to - from, e.weight) });
    }
    // Alone in the query, the word's score is the best of its expansions, so an expansion whose
    // highest possible score (idf × (k1 + 1), times the whole-title bonus) is below the running
    // `pruneTo`-th best cannot change the first `pruneTo` results: taken highest first, the
    // commonest completions, which cost the most, are skipped.
    if (pruneTo > 0) found.sort((a, b) => b.idf - a.idf);
    const top = pruneTo > 0 ? new Int32Array(pruneTo) : null;
    let topCount = 0;
    let floor = 0;
    for (const { e, seg, from, to, idf } of found) {
      if (top && topCount === pruneTo && idf * (K1 + 1) * (1 + WHOLE_TITLE_BONUS) <= floor) break;
      const onlyMatched = agreeing && e.guess === true;
      const { docs, tfs } = seg;
      for (let p = from; p < to; p++) {
        const d = docs[p]!;
        if (onlyMatched && best[d] === 0 && total[d] === 0 && hits[d] === 0) continue;
        const inTitleNow = tfs[3 * p]!;
        const tf =
          inTitleNow * norms[2 * d]! +
          WEIGHT.meta * tfs[3 * p + 1]! +
          tfs[3 * p + 2]! * norms[2 * d + 1]!;
        const s = (idf * tf * (K1 + 1)) / (K1 + tf);
        if (best[d] === 0) local[localCount++] = d;
        if (s > best[d]!) {
          // Never 0 once seen, so the document is listed once.
          best[d] = s || Number.MIN_VALUE;
          // Alone, the word is in the title if its best expansion is: so a skipped expansion
          // (above) cannot have given a document the whole-title bonus.
          if (alone) inTitle[d] = inTitleNow > 0 ? 1 : 0;
        }
        if (!alone && inTitleNow > 0) inTitle[d] = 1;
        if (top && best[d]! > floor) {
          // The running top: distinct documents, its lowest score is the floor once it is full.
          if (inTop[d] === 0) {
            if (topCount < pruneTo) top[topCount++] = d;
            else {
              let low = 0;
              for (let k = 1; k < pruneTo; k++) if (best[top[k]!]! < best[top[low]!]!) low = k;
              inTop[top[low]!] = 0;
              top[low] = d;
            }
            inTop[d] = 1;
          }
          if (topCount === pruneTo) {
            floor = best[top[0]!]!;
            for (let k = 1; k < pruneTo; k++) floor = Math.min(floor, best[top[k]!]!);
          }
        }
      }
    }
    for (let k = 0; k < topCount; k++) inTop[top![k]!] = 0;
    for (let j = 0; j < localCount; j++) {
      const d = local[j]!;
      if (total[d] === 0 && hits[d] === 0) touched[touchedCount++] = d;
      total[d]! += best[d]!;
      if (counts) {
        hits[d]!++;
        titleHits[d]! += inTitle[d]!;
      }
      best[d] = 0;
      inTitle[d] = 0;
    }
    return localCount > 0;
  }

  /**
   * Documents the filters allow: where the mask equals the number of filtered fields. Null when
   * there is nothing to filter. A typed mask, not a Set, because a filter such as kind = tip can
   * hold every document, on every keystroke.
   */
  async function allowed(filters: SearchFilters | undefined): Promise<Allowed | null> {
    if (!filters) return null;
    const fields: string[][] = [];
    for (const field of ['kind', 'tag', 'community', 'author', 'tool'] as const) {
      const v = filters[field];
      // Filters can arrive as JSON over messaging, where a field left out may be null.
      if (v === undefined || v === null) continue;
      const values: readonly string[] = typeof v === 'string' ? [v] : v;
      if (values.length > 0) fields.push(values.map((x) => filterTerm(field as FilterField, x)));
    }
    if (fields.length === 0) return null;
    await load(fields.flat().map(segmentKey));
    const mask = new Uint8Array(meta.nextDoc);
    fields.forEach((terms, f) => {
      for (const term of terms) {
        const seg = segmentFor(term);
        const i = seg ? findTerm(seg, term) : -1;
        if (!seg || i < 0) continue;
        // A document reaches f + 1 only if every earlier field let it through.
        for (let p = seg.offs[i]!; p < seg.offs[i + 1]!; p++) {
          const d = seg.docs[p]!;
          if (mask[d] === f) mask[d] = f + 1;
        }
      }
    });
    return { mask, need: fields.length };
  }

  async function search(query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
    const parsed = parseQuery(typeof query === 'string' ? query : '');
    const limit = Math.max(1, Math.min(200, Math.floor(options.limit ?? 20) || 20));
    if (!parsed || meta.count === 0) return [];
    const { terms, pairs } = parsed;

    const synonyms = terms.map((q) => (q.prefixOnly ? [] : (SYNONYMS.get(q.term) ?? [])));
    const keys: string[] = [];
    for (const q of terms) keys.push(...(q.prefix ? subtreeKeys(q.term) : [segmentKey(q.term)]));
    for (const t of synonyms.flat()) keys.push(segmentKey(t));
    for (const [a, b] of pairs) {
      const pair = pairTerm(a.term, b.term);
      keys.push(...(b.prefix ? subtreeKeys(pair) : [segmentKey(pair)]));
    }
    const [, allow] = await Promise.all([load(keys), allowed(options.filters)]);

    // A typo is assumed only for a word the index does not know (nor completes).
    const expansions = terms.map((q) => {
      // The word being typed is itself one guess among its completions ("com", "command"…).
      const word: Expansion = q.prefix
        ? { term: q.term, weight: 1, guess: true }
        : { term: q.term, weight: 1 };
      const out: Expansion[] = q.prefixOnly ? [] : [word];
      if (q.prefix) out.push(...prefixExpansions(q));
      return out;
    });
    const typos = terms.filter(
      (q, i) =>
        q.term.length >= MIN_TYPO_CHARS && expansions[i]!.every((e) => docFrequency(e.term) === 0),
    );
    if (typos.length > 0) {
      await load(typos.flatMap((q) => typoKeys(q.term)));
      for (const q of typos) expansions[terms.indexOf(q)]!.push(...typoExpansions(q.term));
    }
    // Synonyms count as the same query word, after typos: a word the index lacks but a synonym
    // has may still be a typo.
    synonyms.forEach((alts, i) => {
      const word = expansions[i]!;
      for (const term of alts)
        if (!word.some((e) => e.term === term)) word.push({ term, weight: SYNONYM_WEIGHT });
    });

    const ubiquitous = (e: Expansion): boolean =>
      meta.count >= UBIQUITOUS_MIN_DOCS && docFrequency(e.term) > meta.count * UBIQUITOUS_SHARE;
    if (expansions.some((word) => word.some((e) => docFrequency(e.term) > 0 && !ubiquitous(e)))) {
      expansions.forEach((word, i) => (expansions[i] = word.filter((e) => !ubiquitous(e))));
    }

    scratch();
    let matchedWords = 0;
    for (const word of expansions) {
      // Guesses last, so that they see what the word's own term and synonyms matched.
      const ordered = [...word.filter((e) => !e.guess), ...word.filter((e) => e.guess)];
      const alone = expansions.length === 1 && pairs.length === 0;
      const pruneTo = alone && limit <= MAX_PRUNED_LIMIT ? limit : 0;
      if (scoreWord(ordered, true, touchedCount >= limit, alone, pruneTo)) matchedWords++;
    }
    for (const [a, b] of pairs) {
      const pair = pairTerm(a.term, b.term);
      const found: Expansion[] = [{ term: pair, weight: PHRASE_WEIGHT }];
      if (b.prefix) {
        for (const [t] of termsUnder(pair, subtreeKeys(pair)))
          if (t !== pair) found.push({ term: t, weight: PHRASE_WEIGHT / 2 });
      }
      scoreWord(found.slice(0, MAX_PREFIX_EXPANSIONS), false);
    }

    const top = matchedWords === 0 ? [] : selectTop(matchedWords, allow, limit);
    for (let j = 0; j < touchedCount; j++) {
      const d = touched[j]!;
      total[d] = hits[d] = titleHits[d] = 0;
    }
    if (top.length === 0) return [];
    const blocks = await load<DocBlockRecord>(top.map(([d]) => docBlockKey(d)));
    const matched = new Set(
      expansions.flat().flatMap((e) => (docFrequency(e.term) > 0 ? [e.term] : [])),
    );
    const results: SearchResult[] = [];
    for (const [d, score] of top) {
      const info = blocks.get(docBlockKey(d))?.docs[d % DOC_BLOCK];
      if (!info) continue;
      results.push({
        ...info,
        score,
        terms: [...matched],
        highlights: {
          title: highlight(info.title, matched),
          snippet: highlight(info.snippet, matched),
        },
      });
    }
    return results;
  }

  /** The best `limit` documents, best first; ties go to the newer document. */
  function selectTop(words: number, allow: Allowed | null, limit: number): [number, number][] {
    const top: [number, number][] = [];
    for (let j = 0; j < touchedCount; j++) {
      const d = touched[j]!;
      if (allow && allow.mask[d] !== allow.need) continue;
      // Matching all the words matters more than matching one of them very well.
      const coverage = hits[d]! / words;
      const wholeTitle = titleHits[d]! > 0 && titleHits[d]! >= meta.lens[2 * d]!;
      const score = total[d]! * coverage * coverage * (wholeTitle ? 1 + WHOLE_TITLE_BONUS : 1);
      if (top.length === limit && !beats(d, score, top[limit - 1]!)) continue;
      let i = Math.min(top.length, limit - 1);
      while (i > 0 && beats(d, score, top[i - 1]!)) i--;
      top.splice(i, 0, [d, score]);
      if (top.length > limit) top.pop();
    }
    return top;
  }

  /** Writes run one at a time; a failed write leaves the index as it was and rejects. */
  function queued(run: () => Promise<void>): Promise<void> {
    const result = writing.then(run);
    writing = result.catch(() => undefined);
    return result;
  }

  const core: IndexCore = {
    store,
    meta: () => meta,
    split: () => split,
    load,
    segmentKey,
    segmentAt,
    currentDelta,
    stored(records, next) {
      for (const [k, v] of records) cache.set(k, v);
      views.clear();
      meta = next;
      split = splitPrefixes(meta.keys);
    },
  };

  return {
    get size() {
      return meta.count;
    },
    upsert: (items) => queued(() => write(core, items, [])),
    remove: (ids) => queued(() => write(core, [], ids)),
    search,
    refresh: () => queued(readMeta),
  };
}

/**
 * `npm run bench:relevance -- --judgments FILE [--verbose] [--engines ours,MiniSearch]`: MRR@10 and recall@10 of our search and
 * of MiniSearch and FlexSearch with their default settings, on the tldr-pages tips (CC BY 4.0).
 * Queries may carry a `set` ("tune", "held-out"): then each engine's figures are printed per set as
 * well as overall, and a table of them all. The last line is `ours: MRR@10=… recall@10=…`, overall.
 *
 * Also exports the corpus loader and the engine adapters that bench/search.bench.ts measures, so
 * both benchmarks compare exactly the same configurations.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { deserialize, serialize } from 'node:v8';
import { createSearchIndex, type SearchIndex, type SearchStore } from '../lib/search/index';
import type { SearchRecord } from '../lib/search/records';
import type { TipItem } from '../lib/wire';
import { tldrTipsFile } from '../test/support/corpus';
import { seeded } from './stats';

interface TldrLine {
  id: string;
  title: string;
  tool: string;
  text: string;
  url: string | null;
  tags: string[];
}

export function tldrTip(line: TldrLine): TipItem {
  return {
    id: line.id,
    kind: 'tip',
    community: 'tldr',
    title: line.title,
    url: line.url,
    canonicalUrl: null,
    siteName: null,
    byline: null,
    publishedTime: null,
    excerpt: null,
    tags: line.tags,
    author: null,
    createdAt: 0,
    updatedAt: 0,
    deletedAt: null,
    body: line.text,
    tool: line.tool,
    appliesTo: [],
  };
}

export function loadTldrTips(): TipItem[] {
  return readFileSync(tldrTipsFile(), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => tldrTip(JSON.parse(l) as TldrLine));
}

/** Queries the search benches type one character at a time. */
export const TYPED = [
  'undo last commit',
  'dokcer logs',
  'kubectl get po',
  'extract tar gz',
  'list open ports',
  'git cherry-p',
  'find files by name',
  'ffmpg convert video',
];

/** Copies after the first drop one example and shuffle the rest, so no two bodies are equal. */
export function replicate(tips: readonly TipItem[], size: number): TipItem[] {
  const rnd = seeded(42).random;
  const out: TipItem[] = [];
  for (let copy = 0; out.length < size; copy++) {
    for (const tip of tips) {
      if (out.length === size) break;
      if (copy === 0) {
        out.push(tip);
        continue;
      }
      const [head = '', ...examples] = tip.body.split('\n\n- ');
      if (examples.length > 1) examples.splice(Math.floor(rnd() * examples.length), 1);
      examples.sort(() => rnd() - 0.5);
      const body = [head, ...examples].join('\n\n- ');
      out.push({ ...tip, id: `${tip.id}#${copy}`, body, tags: [...tip.tags, `set${copy % 7}`] });
    }
  }
  return out;
}

/** What the libraries index: the same fields ours does, flattened to strings. */
interface FlatDoc {
  [field: string]: string;
  id: string;
  title: string;
  tool: string;
  tags: string;
  body: string;
}
const flat = (t: TipItem): FlatDoc => ({
  id: t.id,
  title: t.title,
  tool: t.tool ?? '',
  tags: t.tags.join(' '),
  body: t.body,
});
const FIELDS = ['title', 'tool', 'tags', 'body'];

/**
 * A persisted index as IndexedDB keeps it: records serialized with the structured-clone algorithm
 * (V8's serializer, which Chromium's IndexedDB uses), deserialized again on every read.
 */
export type Persisted = Map<string, Buffer>;

/** One engine as the benchmarks drive it: build, persist, reopen from the persisted form, query. */
export interface Engine {
  name: string;
  build(items: readonly TipItem[]): Promise<void>;
  persist(): Promise<Persisted>;
  /** Opens a fresh instance from a persisted form, as a popup would. */
  open(persisted: Persisted): Promise<void>;
  search(query: string, limit: number): Promise<string[]>;
}

/** Engines that persist one value (a library's JSON, say) keep it under this key. */
const ONE = 'index';
export const persistOne = (value: unknown): Persisted => new Map([[ONE, serialize(value)]]);
export const openOne = <T>(persisted: Persisted): T => deserialize(persisted.get(ONE)!) as T;

/** A SearchStore over persisted records that deserializes on every read, as IndexedDB does. */
export function persistedStore(records: Persisted): SearchStore {
  return {
    async get(keys) {
      return keys.map((k) => {
        const bytes = records.get(k);
        return bytes && (deserialize(bytes) as SearchRecord);
      });
    },
    async put(entries) {
      for (const [k, v] of entries) {
        if (v === null) records.delete(k);
        else records.set(k, serialize(v));
      }
    },
    async clear() {
      records.clear();
    },
  };
}

export function ours(): Engine {
  let records: Persisted = new Map();
  let index: SearchIndex | undefined;
  return {
    name: 'ours',
    async build(items) {
      records = new Map();
      index = await createSearchIndex(persistedStore(records));
      await index.upsert(items);
    },
    async persist() {
      return new Map(records);
    },
    async open(persisted) {
      index = await createSearchIndex(persistedStore(new Map(persisted)));
    },
    async search(query, limit) {
      return (await index!.search(query, { limit })).map((r) => r.id);
    },
  };
}

export function miniSearch(): Engine {
  const options = { fields: FIELDS };
  let index = new MiniSearch<FlatDoc>(options);
  return {
    name: 'MiniSearch',
    async build(items) {
      index = new MiniSearch<FlatDoc>(options);
      index.addAll(items.map(flat));
    },
    async persist() {
      return persistOne(JSON.stringify(index));
    },
    async open(persisted) {
      index = MiniSearch.loadJSON<FlatDoc>(openOne<string>(persisted), options);
    },
    async search(query, limit) {
      return index
        .search(query)
        .slice(0, limit)
        .map((r) => String(r.id));
    },
  };
}

export function flexSearch(): Engine {
  const options = { document: { id: 'id', index: FIELDS } };
  let index = new Document<FlatDoc>(options);
  return {
    name: 'FlexSearch',
    async build(items) {
      index = new Document<FlatDoc>(options);
      for (const item of items) index.add(flat(item));
    },
    async persist() {
      const parts: [string, string][] = [];
      await index.export(async (key, data) => {
        parts.push([key, data]);
      });
      return persistOne(parts);
    },
    async open(persisted) {
      index = new Document<FlatDoc>(options);
      for (const [key, data] of openOne<[string, string][]>(persisted)) index.import(key, data);
    },
    async search(query, limit) {
      const hits = index.search(query, { limit, merge: true });
      return hits.slice(0, limit).map((h) => String(h.id));
    },
  };
}

interface Judgments {
  queries: { q: string; relevant: string[]; set?: string }[];
}

type Score = { rr: number; recall: number };
const mean = (xs: number[]): string => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3);
const figures = (scores: Score[]): string =>
  `MRR@10=${mean(scores.map((s) => s.rr))} recall@10=${mean(scores.map((s) => s.recall))}`;
/** A table cell: `MRR@10 / recall@10`. */
const cell = (scores: Score[]): string =>
  `${mean(scores.map((s) => s.rr))} / ${mean(scores.map((s) => s.recall))}`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args[args.indexOf('--judgments') + 1];
  if (!args.includes('--judgments') || !file) {
    console.error(
      'usage: npm run bench:relevance -- --judgments FILE [--verbose] [--engines ours,MiniSearch]',
    );
    process.exit(2);
  }
  const verbose = args.includes('--verbose');
  // Only the engines named (by name, comma-separated); all of them by default.
  const only = args.includes('--engines') ? args[args.indexOf('--engines') + 1]?.split(',') : null;
  const { queries } = JSON.parse(readFileSync(file, 'utf8')) as Judgments;
  const items = loadTldrTips();
  const known = new Set(items.map((i) => i.id));
  const unknown = queries.flatMap((q) => q.relevant).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`Judgments name ids not in the corpus: ${unknown}`);

  // Sets in the order the file first names them; none when no query carries one.
  const sets = [...new Set(queries.flatMap((q) => (q.set === undefined ? [] : [q.set])))];
  const lines: string[] = [];
  const rows: string[] = [];
  const engines = [miniSearch(), flexSearch(), ours()].filter(
    (e) => !only || only.includes(e.name),
  );
  for (const engine of engines) {
    await engine.build(items);
    const scores: (Score & { set?: string })[] = [];
    for (const { q, relevant, set } of queries) {
      const top = await engine.search(q, 10);
      const rank = top.findIndex((id) => relevant.includes(id));
      scores.push({
        rr: rank < 0 ? 0 : 1 / (rank + 1),
        recall: relevant.filter((id) => top.includes(id)).length / relevant.length,
        set,
      });
      if (verbose && rank !== 0)
        console.log(`  ${engine.name} "${q}": rank ${rank + 1}, top ${top.slice(0, 3)}`);
    }
    const cells: string[] = [];
    for (const set of sets) {
      const inSet = scores.filter((s) => s.set === set);
      console.log(`${engine.name} [${set}, ${inSet.length} queries]: ${figures(inSet)}`);
      cells.push(cell(inSet));
    }
    const line = `${engine.name}: ${figures(scores)}`;
    lines.push(line);
    console.log(line);
    rows.push(`| ${[engine.name, ...cells, cell(scores)].join(' | ')} |`);
  }
  console.log(`queries: ${queries.length}, documents: ${items.length}`);
  if (sets.length > 0) {
    const counts = sets.map((set) => `${set} (${queries.filter((q) => q.set === set).length})`);
    console.log('MRR@10 / recall@10:');
    console.log(`| engine | ${[...counts, `all (${queries.length})`].join(' | ')} |`);
    console.log(`| --- | ${[...sets, 'all'].map(() => '---').join(' | ')} |`);
    for (const row of rows) console.log(row);
  }
  console.log(lines[lines.length - 1]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

/**
 * The writing half of the search index: what the background's indexer runs. Pages that only read
 * the index (popup, library) open it with openSearchIndex and leave this out of their bundles.
 */
import type { Item } from '../wire';
import { type IndexCore, openIndex, type SearchIndex } from './engine';
import { prepare, type PreparedDoc } from './prepare';
import {
  decodeSegment,
  DELTA_KEY,
  DELTA_POSTINGS,
  type DeltaRecord,
  type DocBlockRecord,
  docBlockKey,
  DOC_BLOCK,
  encodeSegment,
  type ForwardBlockRecord,
  forwardBlockKey,
  FWD_BLOCK,
  type IdShardRecord,
  idShardKey,
  META_KEY,
  type MetaRecord,
  type Postings,
  type SearchRecord,
  type SegmentRecord,
  segmentOf,
  segmentRecordKey,
  splitSegment,
  withoutDocs,
} from './records';
import type { SearchStore } from './store';

/**
 * Opens the index kept in `store` (reading one record), or starts an empty one, to read and
 * write. `deltaPostings` sets how large the delta grows before it is merged (tests set 0, merging
 * every write).
 */
export function createSearchIndex(
  store: SearchStore,
  { deltaPostings = DELTA_POSTINGS }: { deltaPostings?: number } = {},
): Promise<SearchIndex> {
  return openIndex(store, (core, items, removeIds) => write(core, deltaPostings, items, removeIds));
}

/** Copy-on-write access to per-document slots in blocks of `size` document numbers. */
function blockEditor<T>(
  loaded: ReadonlyMap<string, { docs: (T | null)[] }>,
  keyOf: (doc: number) => string,
  size: number,
) {
  const edited = new Map<string, { docs: (T | null)[] }>();
  return {
    edited,
    get: (d: number): T | null | undefined => loaded.get(keyOf(d))?.docs[d % size],
    set(d: number, value: T | null): void {
      const key = keyOf(d);
      let block = edited.get(key);
      if (!block) {
        const docs = loaded.get(key)?.docs ?? new Array<T | null>(size).fill(null);
        edited.set(key, (block = { docs: [...docs] }));
      }
      block.docs[d % size] = value;
    },
  };
}

async function write(
  core: IndexCore,
  deltaPostings: number,
  items: readonly Item[],
  removeIds: readonly string[],
): Promise<void> {
  const meta = core.meta();
  const split = core.split();
  const live = new Map<string, PreparedDoc>();
  const gone = new Set<string>();
  for (const item of items) {
    if (item.deletedAt !== null) {
      live.delete(item.id);
      gone.add(item.id);
    } else {
      gone.delete(item.id);
      live.set(item.id, prepare(item));
    }
  }
  for (const id of removeIds) {
    live.delete(id);
    gone.add(id);
  }
  const ids = [...live.keys(), ...gone];
  if (ids.length === 0) return;

  const next: MetaRecord = { ...meta };
  const shards = await core.load<IdShardRecord>(ids.map(idShardKey));
  const editedShards = new Map<string, IdShardRecord>();
  const shardOf = (id: string): IdShardRecord => {
    const key = idShardKey(id);
    let s = editedShards.get(key);
    if (!s) editedShards.set(key, (s = { ids: new Map(shards.get(key)?.ids) }));
    return s;
  };

  // Replacements keep their document number; removed documents' numbers are not reused.
  const existing = new Map<string, number>();
  for (const id of ids) {
    const d = shards.get(idShardKey(id))?.ids.get(id);
    if (d !== undefined) existing.set(id, d);
  }
  const assigned: [number, PreparedDoc][] = [];
  for (const [id, doc] of live) {
    const d = existing.get(id) ?? next.nextDoc++;
    shardOf(id).ids.set(id, d);
    assigned.push([d, doc]);
  }
  const docNums = [...existing.values(), ...assigned.map(([d]) => d)];
  const [forwardBlocks, infoBlocks] = await Promise.all([
    core.load<ForwardBlockRecord>(docNums.map(forwardBlockKey)),
    core.load<DocBlockRecord>(docNums.map(docBlockKey)),
  ]);
  const forwards = blockEditor(forwardBlocks, forwardBlockKey, FWD_BLOCK);
  const infos = blockEditor(infoBlocks, docBlockKey, DOC_BLOCK);

  // Old postings of replaced or removed documents go.
  const removedDocs = new Set<number>();
  const staleTerms = new Set<string>();
  for (const d of existing.values()) {
    removedDocs.add(d);
    for (const t of forwards.get(d)?.split('\n') ?? []) staleTerms.add(t);
  }

  let lens = meta.lens;
  if (next.nextDoc * 2 > lens.length) {
    lens = new Uint16Array(next.nextDoc * 2);
    lens.set(meta.lens);
  } else lens = lens.slice();
  for (const d of existing.values()) {
    next.count--;
    next.sumTitle -= lens[2 * d]!;
    next.sumBody -= lens[2 * d + 1]!;
    lens[2 * d] = lens[2 * d + 1] = 0;
  }
  for (const id of gone) {
    const d = existing.get(id);
    if (d === undefined) continue;
    shardOf(id).ids.delete(id);
    forwards.set(d, null);
    infos.set(d, null);
  }
  for (const [d, doc] of assigned) {
    next.count++;
    next.sumTitle += doc.titleLength;
    next.sumBody += doc.bodyLength;
    lens[2 * d] = doc.titleLength;
    lens[2 * d + 1] = doc.bodyLength;
    forwards.set(d, [...doc.terms.keys()].join('\n'));
    infos.set(d, doc.info);
  }
  next.lens = lens;

  // Segments: a small write goes to the delta, a few records; one that would take the delta
  // past deltaPostings merges the delta and itself into the segments it touches.
  // Any load brings the delta with it; this one asks for nothing else.
  await core.load([]);
  const delta = core.currentDelta();
  let added = 0;
  for (const [, doc] of assigned) added += doc.terms.size;
  const pending = delta ? delta.record.postings.docs.length + delta.record.staleTerms.length : 0;
  const keySet = new Set(meta.keys);
  const entries: [string, SearchRecord | null][] = [];
  // An index left empty keeps nothing: its segments go now, not at a later merge.
  if (next.count > 0 && pending + added + staleTerms.size <= deltaPostings) {
    const record = deltaWith(delta?.record, assigned, removedDocs, staleTerms);
    for (const [, doc] of assigned)
      for (const t of doc.terms.keys()) keySet.add(segmentOf(t, split));
    entries.push([DELTA_KEY, record]);
    next.delta = record.postings.docs.length + record.staleTerms.length + record.staleDocs.length;
  } else {
    entries.push(...(await merged(core, delta?.record, assigned, removedDocs, staleTerms, keySet)));
    if (delta) entries.push([DELTA_KEY, null]);
    next.delta = 0;
  }
  // A key written after its deletion wins: keep only the last entry per key.
  const dedup = new Map(entries);

  next.keys = [...keySet].sort();
  for (const [k, v] of editedShards) dedup.set(k, v);
  for (const [k, v] of forwards.edited) dedup.set(k, v);
  for (const [k, v] of infos.edited) dedup.set(k, v);
  dedup.set(META_KEY, next);
  await core.store.put([...dedup]);
  core.stored(dedup, next);
}

/** The delta with a small write in it. */
function deltaWith(
  base: DeltaRecord | undefined,
  assigned: readonly [number, PreparedDoc][],
  removedDocs: ReadonlySet<number>,
  staleTerms: ReadonlySet<string>,
): DeltaRecord {
  const terms = decodeSegment(base?.postings);
  // Replaced or removed documents written since the last merge leave the delta too.
  if (removedDocs.size > 0) for (const [t, p] of terms) terms.set(t, withoutDocs(p, removedDocs));
  const editable = new Map<string, { docs: number[]; tfs: number[] }>();
  for (const [d, doc] of assigned) {
    for (const [t, tf] of doc.terms) {
      let p = editable.get(t);
      if (!p) {
        const before = terms.get(t);
        p = { docs: Array.from(before?.docs ?? []), tfs: Array.from(before?.tfs ?? []) };
        editable.set(t, p);
        terms.set(t, p);
      }
      p.docs.push(d);
      p.tfs.push(tf[0], tf[1], tf[2]);
    }
  }
  const staleDocs = new Set(base?.staleDocs);
  for (const d of removedDocs) staleDocs.add(d);
  return {
    postings: encodeSegment(terms),
    staleDocs: Uint32Array.from(staleDocs),
    staleTerms: [...new Set([...(base?.staleTerms ?? []), ...staleTerms])].sort(),
  };
}

/**
 * The segments a write touches, with the delta merged in: decoded as they read with it,
 * edited, split where they grew too big, encoded. Keys go in and out of `keySet`.
 */
async function merged(
  core: IndexCore,
  delta: DeltaRecord | undefined,
  assigned: readonly [number, PreparedDoc][],
  removedDocs: ReadonlySet<number>,
  staleTerms: ReadonlySet<string>,
  keySet: Set<string>,
): Promise<[string, SearchRecord | null][]> {
  const keyOfTerm = new Map<string, string>();
  const keyFor = (t: string) => {
    if (!keyOfTerm.has(t)) keyOfTerm.set(t, core.segmentKey(t));
  };
  for (const t of staleTerms) keyFor(t);
  for (const [, doc] of assigned) for (const t of doc.terms.keys()) keyFor(t);
  for (const t of delta?.postings.terms ?? []) keyFor(t);
  for (const t of delta?.staleTerms ?? []) keyFor(t);
  const touchedKeys = new Set(keyOfTerm.values());
  await core.load<SegmentRecord>(touchedKeys);
  const edited = new Map<string, Map<string, Postings>>();
  for (const key of touchedKeys) edited.set(key, decodeSegment(core.segmentAt(key)));
  /** The editable postings of a term, copied out of its segment once per batch. */
  const postings = new Map<string, { docs: number[]; tfs: number[] }>();
  const postingsOf = (t: string) => {
    let p = postings.get(t);
    if (!p) {
      const seg = edited.get(keyOfTerm.get(t)!)!;
      const stored = seg.get(t);
      const drop = removedDocs.size > 0 && staleTerms.has(t);
      p = { docs: [], tfs: [] };
      for (let i = 0; stored && i < stored.docs.length; i++) {
        const d = stored.docs[i]!;
        if (drop && removedDocs.has(d)) continue;
        p.docs.push(d);
        p.tfs.push(stored.tfs[3 * i]!, stored.tfs[3 * i + 1]!, stored.tfs[3 * i + 2]!);
      }
      seg.set(t, p);
      postings.set(t, p);
    }
    return p;
  };
  for (const t of staleTerms) postingsOf(t);
  for (const [d, doc] of assigned) {
    for (const [t, tf] of doc.terms) {
      const p = postingsOf(t);
      p.docs.push(d);
      p.tfs.push(tf[0], tf[1], tf[2]);
    }
  }

  const entries: [string, SearchRecord | null][] = [];
  for (const [recordKey, terms] of edited) {
    const prefix = recordKey.slice(2);
    keySet.delete(prefix);
    entries.push([recordKey, null]);
    for (const [k, part] of splitSegment(prefix, terms)) {
      const seg = encodeSegment(part);
      if (seg.terms.length === 0) continue;
      keySet.add(k);
      entries.push([segmentRecordKey(k), seg]);
    }
  }
  return entries;
}

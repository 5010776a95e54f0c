/**
 * The related-tips index as the background keeps it: persisted, split by the keys a visited URL
 * looks up (entries.ts), so that a navigation reads a few records — those of its host, its `*.`
 * parents and its page — whatever the size of the repertoire. A service worker that just woke up
 * answers its first navigation without reading every item; the in-memory RelatedIndex is built
 * per key, from that key's entries only, and kept while nothing rewrites the key.
 *
 * Records, by key:
 * - `h:<host>`, `w:<host>`, `p:<page>`: the entries of the items with a rule there;
 * - `q:<community>`: the community's open questions; `a:<question id>`: the tips answering it;
 * - `ps:<community>`: the community's live paths and stances;
 * - `o:<n>`: for the items whose id falls in bucket n, the keys each is stored under, so that an
 *   update finds the records it must take an item out of;
 * - `format`: the version of this layout. A layout from another version is rebuilt from the
 *   items (see needsBuild).
 *
 * One writer (the background's indexer), which applies each drained batch; readers never write.
 */
import type { Item } from '../wire';
import { parseAppliesTo, type AppliesToResult } from './applies-to';
import {
  answersKey,
  candidateKeys,
  entryOf,
  keysOf,
  pathsAndStancesKey,
  questionsKey,
  type RelatedEntry,
} from './entries';
import { better, newestFirst, RelatedIndex } from './matcher';
import type { Match, MatchFilter } from './rules';

/**
 * Bumped whenever what a key holds changes meaning (a pattern parses to another host, say) or a
 * kind of key is added (3: `ps:`), so that an index stored by an older release is rebuilt.
 */
export const RELATED_FORMAT = 3;
const FORMAT_KEY = 'format';
/** Item ids per owner record: a batch of updates reads and rewrites few of them. */
const BUCKETS = 256;
/** Keys whose built index is kept in memory; a navigation uses about five. */
const CACHED_KEYS = 256;

export type RelatedRecord =
  { entries: RelatedEntry[] } | { owners: [id: string, keys: string[]][] } | { format: number };

/** What the index reads and writes; lib/db implements it over IndexedDB. */
export interface RelatedStore {
  get(keys: readonly string[]): Promise<(RelatedRecord | undefined)[]>;
  /** Every record whose key starts with `prefix`. */
  withPrefix(prefix: string): Promise<RelatedRecord[]>;
  /** Writes in one transaction; null deletes the key. */
  put(records: readonly (readonly [string, RelatedRecord | null])[]): Promise<void>;
}

export interface RelatedHit {
  match: Match;
  entry: RelatedEntry;
}

/** FNV-1a over the id: ids are spread evenly over the owner records, whatever their shape. */
function bucketKey(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return `o:${(h >>> 0) % BUCKETS}`;
}

const entriesIn = (record: RelatedRecord | undefined): RelatedEntry[] =>
  record && 'entries' in record ? record.entries : [];

const ownersIn = (record: RelatedRecord | undefined): Map<string, string[]> =>
  new Map(record && 'owners' in record ? record.owners : []);

/** A parser that parses each distinct entry once per batch (tips share `tool:jira`, an org). */
function batchParser(): (entry: string) => AppliesToResult {
  const parsed = new Map<string, AppliesToResult>();
  return (entry) => {
    let result = parsed.get(entry);
    if (!result) parsed.set(entry, (result = parseAppliesTo(entry)));
    return result;
  };
}

/**
 * Every record of the index holding `entries` (each item once): what an upgrade or a rebuild
 * writes into an empty store, in one go.
 */
export function relatedRecords(entries: Iterable<RelatedEntry>): [string, RelatedRecord][] {
  const parse = batchParser();
  const shards = new Map<string, RelatedEntry[]>();
  const owners = new Map<string, [string, string[]][]>();
  for (const entry of entries) {
    const keys = keysOf(entry, parse);
    if (keys.length === 0) continue;
    for (const key of keys) {
      const list = shards.get(key);
      if (list) list.push(entry);
      else shards.set(key, [entry]);
    }
    const bucket = bucketKey(entry.id);
    const list = owners.get(bucket);
    if (list) list.push([entry.id, keys]);
    else owners.set(bucket, [[entry.id, keys]]);
  }
  return [
    [FORMAT_KEY, { format: RELATED_FORMAT }],
    ...[...shards].map(([key, list]): [string, RelatedRecord] => [key, { entries: list }]),
    ...[...owners].map(([key, list]): [string, RelatedRecord] => [key, { owners: list }]),
  ];
}

/** One key's entries, indexed. */
interface Shard {
  index: RelatedIndex;
  entries: Map<string, RelatedEntry>;
}

export class PersistedRelated {
  private readonly shards = new Map<string, Shard>();
  /** Bumped by each update: a read that overlapped one does not fill the cache. */
  private generation = 0;

  constructor(private readonly store: RelatedStore) {}

  /** True when the store holds no index in this version's layout (an older one, or none). */
  async needsBuild(): Promise<boolean> {
    const [record] = await this.store.get([FORMAT_KEY]);
    return !(record && 'format' in record && record.format === RELATED_FORMAT);
  }

  /** Forgets what is cached, after the store was rebuilt underneath. */
  reset(): void {
    this.generation++;
    this.shards.clear();
  }

  /** Follows writes: items are matched as they are now; removed ids (and tombstones) drop out. */
  async apply(items: readonly Item[], removedIds: readonly string[] = []): Promise<void> {
    const parse = batchParser();
    const next = new Map<string, { entry: RelatedEntry; keys: string[] } | null>();
    for (const item of items) {
      const entry = entryOf(item);
      const keys = entry ? keysOf(entry, parse) : [];
      next.set(item.id, entry && keys.length > 0 ? { entry, keys } : null);
    }
    for (const id of removedIds) if (!next.has(id)) next.set(id, null);
    if (next.size === 0) return;
    this.generation++;

    const byBucket = new Map<string, string[]>();
    for (const id of next.keys()) {
      const key = bucketKey(id);
      const ids = byBucket.get(key);
      if (ids) ids.push(id);
      else byBucket.set(key, [id]);
    }
    const bucketKeys = [...byBucket.keys()];
    const buckets = (await this.store.get(bucketKeys)).map(ownersIn);
    const adds = new Map<string, RelatedEntry[]>();
    const affected = new Set<string>();
    for (const [b, key] of bucketKeys.entries()) {
      for (const id of byBucket.get(key) ?? []) {
        for (const old of buckets[b]?.get(id) ?? []) affected.add(old);
      }
    }
    for (const now of next.values()) {
      if (!now) continue;
      for (const key of now.keys) {
        affected.add(key);
        const list = adds.get(key);
        if (list) list.push(now.entry);
        else adds.set(key, [now.entry]);
      }
    }
    const keys = [...affected];
    const before = await this.store.get(keys);
    const writes: [string, RelatedRecord | null][] = [];
    for (const [i, key] of keys.entries()) {
      const kept = entriesIn(before[i]).filter((entry) => !next.has(entry.id));
      const entries = [...kept, ...(adds.get(key) ?? [])];
      writes.push([key, entries.length > 0 ? { entries } : null]);
    }
    for (const [b, key] of bucketKeys.entries()) {
      const owners = buckets[b] ?? new Map<string, string[]>();
      for (const id of byBucket.get(key) ?? []) {
        const now = next.get(id);
        if (now) owners.set(id, now.keys);
        else owners.delete(id);
      }
      writes.push([key, owners.size > 0 ? { owners: [...owners] } : null]);
    }
    await this.store.put(writes);
    // Reads that overlapped the write may have cached a key as it was: drop them all.
    this.generation++;
    for (const key of keys) this.shards.delete(key);
  }

  /** The related items of one URL, most specific reason first per item, newest first. */
  async match(url: string, filter: MatchFilter = {}): Promise<RelatedHit[]> {
    const found = new Map<string, RelatedHit>();
    for (const shard of await this.shardsFor(candidateKeys(url))) {
      for (const match of shard.index.match(url, filter)) {
        const known = found.get(match.itemId);
        const entry = shard.entries.get(match.itemId);
        if (!entry) continue;
        if (!known || better(match.reason, known.match.reason))
          found.set(match.itemId, { match, entry });
      }
    }
    return [...found.values()].sort((a, b) =>
      newestFirst(a.entry.createdAt, a.entry.id, b.entry.createdAt, b.entry.id),
    );
  }

  /** Every tip with a site or tool, once each: what the options page asks site access for. */
  async tips(): Promise<RelatedEntry[]> {
    const found = new Map<string, RelatedEntry>();
    for (const prefix of ['h:', 'w:']) {
      for (const record of await this.store.withPrefix(prefix)) {
        for (const entry of entriesIn(record)) if (entry.kind === 'tip') found.set(entry.id, entry);
      }
    }
    return [...found.values()];
  }

  /** The open questions of a community, newest first. */
  async questions(community: string): Promise<RelatedEntry[]> {
    return this.listed(questionsKey(community));
  }

  /** The live paths and stances of a community, newest first. */
  async pathsAndStances(community: string): Promise<RelatedEntry[]> {
    return this.listed(pathsAndStancesKey(community));
  }

  /** The tips that answer a question, newest first. */
  async answers(questionId: string): Promise<RelatedEntry[]> {
    return this.listed(answersKey(questionId));
  }

  private async listed(key: string): Promise<RelatedEntry[]> {
    const [record] = await this.store.get([key]);
    return entriesIn(record).sort((a, b) => newestFirst(a.createdAt, a.id, b.createdAt, b.id));
  }

  /** The entry of an item that has related rules, if it has any. */
  async entry(id: string): Promise<RelatedEntry | undefined> {
    const [owners] = await this.store.get([bucketKey(id)]);
    const key = ownersIn(owners).get(id)?.[0];
    if (key === undefined) return undefined;
    const [record] = await this.store.get([key]);
    return entriesIn(record).find((entry) => entry.id === id);
  }

  private async shardsFor(keys: readonly string[]): Promise<Shard[]> {
    const missing = keys.filter((key) => !this.shards.has(key));
    const fetched = new Map<string, Shard>();
    if (missing.length > 0) {
      const generation = this.generation;
      const records = await this.store.get(missing);
      for (const [i, key] of missing.entries()) {
        const entries = entriesIn(records[i]);
        fetched.set(key, {
          index: new RelatedIndex(entries),
          entries: new Map(entries.map((entry) => [entry.id, entry])),
        });
      }
      if (generation === this.generation) {
        for (const [key, shard] of fetched) this.remember(key, shard);
      }
    }
    return keys.flatMap((key) => {
      const cached = this.shards.get(key);
      if (cached) this.remember(key, cached);
      const shard = cached ?? fetched.get(key);
      return shard && shard.entries.size > 0 ? [shard] : [];
    });
  }

  private remember(key: string, shard: Shard): void {
    this.shards.delete(key);
    this.shards.set(key, shard);
    // Least recently read first: Maps keep insertion order.
    for (const old of this.shards.keys()) {
      if (this.shards.size <= CACHED_KEYS) break;
      this.shards.delete(old);
    }
  }
}

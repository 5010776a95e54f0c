/**
 * Where the search index lives between popup openings. lib/db implements this over IndexedDB; the
 * in-memory version here serves tests and benchmarks.
 *
 * The index is a few thousand small records (see records.ts) so that a query reads only the
 * segments its terms need. Every value is structured-clonable: plain objects, strings, typed arrays.
 */
import type { SearchRecord } from './records';

export type { SearchRecord };

export interface SearchStore {
  /** Values in the order of `keys`; undefined where there is none. Ideally one read transaction. */
  get(keys: readonly string[]): Promise<(SearchRecord | undefined)[]>;
  /**
   * Writes all entries atomically (one transaction), so a reader never sees half an update. A null
   * value deletes the key.
   */
  put(entries: readonly (readonly [string, SearchRecord | null])[]): Promise<void>;
  /** Drops every record; used when the stored format is from another version. */
  clear(): Promise<void>;
}

/**
 * A SearchStore in a Map. With `clone`, values are structured-cloned on the way in and out, as
 * IndexedDB does, so benchmarks pay the same copying cost as the extension.
 */
export function createMemoryStore(options: { clone?: boolean } = {}): SearchStore & {
  readonly records: Map<string, SearchRecord>;
} {
  const records = new Map<string, SearchRecord>();
  const copy = options.clone ? <T>(v: T): T => structuredClone(v) : <T>(v: T): T => v;
  return {
    records,
    async get(keys) {
      return keys.map((k) => {
        const v = records.get(k);
        return v === undefined ? undefined : copy(v);
      });
    },
    async put(entries) {
      for (const [k, v] of entries) {
        if (v === null) records.delete(k);
        else records.set(k, copy(v));
      }
    },
    async clear() {
      records.clear();
    },
  };
}

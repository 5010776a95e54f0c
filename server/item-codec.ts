/**
 * How an item is stored: its wire form (a SyncedItem, served to pulls as is) plus the merge
 * metadata the wire form lacks, kept compact because every write stores it again: each field
 * points into a short list of distinct writer stamps (a new item has just one).
 */
import { itemKinds, type Item, type ItemKind } from '../lib/wire/schemas';
import type { FieldWrite, SetMutation, SyncedItem } from '../lib/wire/sync';
import {
  WRITABLE,
  type EndorsementState,
  type FieldState,
  type ItemDoc,
  type Writer,
} from './merge';

type Stamp = [at: number, clientId: string, author: string];

interface Meta {
  k: ItemKind;
  c: string;
  /** Author's member id; absent in items stored before it was recorded (see findLegacyAuthors in store/sql-store.ts). */
  a?: string;
  w: Stamp[];
  f: Record<string, number>;
  e: Record<string, EndorsementState>;
}

export interface StoredItem {
  wire: string;
  meta: string;
}

/**
 * The part of a new item's stored form that does not depend on the version it will get: its
 * values and its merge metadata. Built from the mutation before the write transaction, so that
 * only a short concatenation (`storeCreated`) is left for the time the database is locked.
 */
export interface PreparedItem {
  item: string;
  kind: ItemKind;
  meta: string;
  tombstone: boolean;
}

/** A new item's fields all point at its one writer stamp. */
const FIRST_STAMPS = Object.fromEntries(
  itemKinds.map((kind) => [
    kind,
    JSON.stringify(Object.fromEntries(WRITABLE[kind].map((n) => [n, 0]))),
  ]),
) as Record<ItemKind, string>;

/**
 * The item a `set` creates if its id is new, as `create` in merge.ts would make it; undefined if
 * the set is not a complete first write (the transaction then refuses it with the reason).
 */
export function prepareCreated(m: SetMutation, writer: Writer): PreparedItem | undefined {
  const writes = m.fields as Record<string, FieldWrite | undefined>;
  const item: Record<string, unknown> = {
    id: m.itemId,
    community: writer.communityId,
    kind: m.kind,
    author: writer.displayName,
    authorId: writer.memberId,
  };
  for (const name of WRITABLE[m.kind]) {
    const write = writes[name];
    if (write === undefined) return undefined;
    item[name] = write.value;
  }
  const author = JSON.stringify(writer.displayName);
  const stamp = `[${m.at},${JSON.stringify(writer.clientId)},${author}]`;
  const authorId = JSON.stringify(writer.memberId);
  return {
    item: JSON.stringify(item),
    kind: m.kind,
    meta: `{"k":"${m.kind}","c":${author},"a":${authorId},"w":[${stamp}],"f":${FIRST_STAMPS[m.kind]},"e":{}}`,
    tombstone: writes['deletedAt']?.value != null,
  };
}

/** Exactly what `encodeItem` gives for that new item at `version`. */
export function storeCreated(prepared: PreparedItem, version: number): StoredItem {
  let fieldVersions = '';
  for (const name of WRITABLE[prepared.kind]) {
    fieldVersions += `${fieldVersions ? ',' : ''}${quoted(name)}:${version}`;
  }
  return {
    wire: `{"item":${prepared.item},"version":${version},"fieldVersions":{${fieldVersions}},"endorsements":[],"conflicts":[]}`,
    meta: prepared.meta,
  };
}

/** Field names are the schema's, a few dozen in all: each is quoted once. */
const quotedNames = new Map<string, string>();
function quoted(name: string): string {
  let q = quotedNames.get(name);
  if (q === undefined) quotedNames.set(name, (q = JSON.stringify(name)));
  return q;
}

export function encodeItem(
  id: string,
  version: number,
  doc: ItemDoc,
  communityId: string,
): StoredItem {
  const item: Record<string, unknown> = {
    id,
    community: communityId,
    kind: doc.kind,
    author: doc.createdBy,
  };
  if (doc.authorId !== null) item['authorId'] = doc.authorId;
  const fieldVersions: Record<string, number> = {};
  const stamps: Stamp[] = [];
  const fieldStamps: Record<string, number> = {};
  for (const name in doc.fields) {
    const f = doc.fields[name] as FieldState;
    item[name] = f.v;
    fieldVersions[name] = f.ver;
    fieldStamps[name] = stampIndex(stamps, f);
  }
  const endorsements = Object.entries(doc.endorsements)
    .filter(([, e]) => e.on)
    .map(([memberId, e]) => ({ memberId, name: e.name, at: e.at }))
    .sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  const synced: SyncedItem = {
    item: item as unknown as Item,
    version,
    fieldVersions,
    endorsements,
    conflicts: doc.conflicts,
  };
  const meta: Meta = {
    k: doc.kind,
    c: doc.createdBy,
    ...(doc.authorId === null ? {} : { a: doc.authorId }),
    w: stamps,
    f: fieldStamps,
    e: doc.endorsements,
  };
  return { wire: JSON.stringify(synced), meta: JSON.stringify(meta) };
}

/** Few distinct stamps per item (one for a new item): a scan beats hashing. */
function stampIndex(stamps: Stamp[], f: FieldState): number {
  for (let i = 0; i < stamps.length; i++) {
    const [at, by, author] = stamps[i] as Stamp;
    if (at === f.at && by === f.by && author === f.author) return i;
  }
  return stamps.push([f.at, f.by, f.author]) - 1;
}

export function decodeItem(stored: StoredItem): ItemDoc {
  const synced = JSON.parse(stored.wire) as SyncedItem;
  const meta = JSON.parse(stored.meta) as Meta;
  const values = synced.item as Record<string, unknown>;
  const fields: ItemDoc['fields'] = {};
  for (const [name, index] of Object.entries(meta.f)) {
    const [at, by, author] = meta.w[index] as Stamp;
    fields[name] = { v: values[name], ver: synced.fieldVersions[name] ?? 0, at, by, author };
  }
  return {
    kind: meta.k,
    createdBy: meta.c,
    authorId: meta.a ?? null,
    fields,
    endorsements: meta.e,
    conflicts: synced.conflicts,
  };
}

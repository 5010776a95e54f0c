/**
 * How an item is stored: its wire form (a SyncedItem, served to pulls as is) plus the merge
 * metadata the wire form lacks, kept compact because every write stores it again: each field
 * points into a short list of distinct writer stamps (a new item has just one).
 */
import {
  type Endorsement,
  type FieldWrite,
  type Item,
  type ItemKind,
  type Mark,
  type MarkKind,
  markKinds,
  requiredFields,
  type SetMutation,
  type SyncedItem,
} from '../lib/wire';
import { WRITABLE, type FieldState, type ItemDoc, type MarkState, type Writer } from './merge';

type Stamp = [at: number, clientId: string, author: string];

interface Meta {
  k: ItemKind;
  c: string;
  /** Author's member id; absent in items stored before it was recorded (see findLegacyAuthors in store/sql-store.ts). */
  a?: string;
  w: Stamp[];
  f: Record<string, number>;
  /** Marks by `kind:memberId` (markKey), taken back ones too: their stamps order later writes. */
  m: Record<string, MarkState>;
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
  /** The fields it sets, in the schema's order. */
  fields: string[];
  meta: string;
  tombstone: boolean;
}

/**
 * The item a `set` creates if its id is new, as `create` in merge.ts would make it; undefined if
 * the set is not a complete first write (the transaction then refuses it with the reason).
 */
export function prepareCreated(m: SetMutation, writer: Writer): PreparedItem | undefined {
  const writes = m.fields as Record<string, FieldWrite | undefined>;
  if (requiredFields(m.kind).some((name) => writes[name] === undefined)) return undefined;
  const item: Record<string, unknown> = {
    id: m.itemId,
    community: writer.communityId,
    kind: m.kind,
    author: writer.displayName,
    authorId: writer.memberId,
  };
  const fields = WRITABLE[m.kind].filter((name) => writes[name] !== undefined);
  for (const name of fields) item[name] = writes[name]?.value;
  const author = JSON.stringify(writer.displayName);
  const stamp = `[${m.at},${JSON.stringify(writer.clientId)},${author}]`;
  const authorId = JSON.stringify(writer.memberId);
  // Every field points at the item's one writer stamp.
  const firstStamps = fields.map((name) => `${quoted(name)}:0`).join(',');
  return {
    item: JSON.stringify(item),
    fields,
    meta: `{"k":"${m.kind}","c":${author},"a":${authorId},"w":[${stamp}],"f":{${firstStamps}},"m":{}}`,
    tombstone: writes['deletedAt']?.value != null,
  };
}

/** Exactly what `encodeItem` gives for that new item at `version`. */
export function storeCreated(prepared: PreparedItem, version: number): StoredItem {
  const fieldVersions = prepared.fields.map((name) => `${quoted(name)}:${version}`).join(',');
  return {
    wire: `{"item":${prepared.item},"version":${version},"fieldVersions":{${fieldVersions}},"endorsements":[],"marks":[],"conflicts":[]}`,
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
  const marks = wireMarks(doc.marks);
  const synced: SyncedItem = {
    item: item as unknown as Item,
    version,
    fieldVersions,
    endorsements: marks
      .filter((m) => m.kind === 'helped' && m.on)
      .map(({ memberId, name, at }): Endorsement => ({ memberId, name, at })),
    marks,
    conflicts: doc.conflicts,
  };
  const meta: Meta = {
    k: doc.kind,
    c: doc.createdBy,
    ...(doc.authorId === null ? {} : { a: doc.authorId }),
    w: stamps,
    f: fieldStamps,
    m: doc.marks,
  };
  return { wire: JSON.stringify(synced), meta: JSON.stringify(meta) };
}

const KIND_ORDER = new Map<string, number>(markKinds.map((kind, i) => [kind, i]));

/** Marks as pulls carry them: by kind (in markKinds' order), then member. */
function wireMarks(marks: Record<string, MarkState>): Mark[] {
  const out: Mark[] = [];
  for (const key in marks) {
    const m = marks[key] as MarkState;
    const split = key.indexOf(':');
    out.push({
      kind: key.slice(0, split) as MarkKind,
      on: m.on,
      memberId: key.slice(split + 1),
      name: m.name,
      team: m.team,
      at: m.at,
      markedAt: m.markedAt,
      ...(m.note === undefined ? {} : { note: m.note }),
    });
  }
  return out.sort(
    (a, b) =>
      (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) ||
      (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
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
    marks: meta.m,
    conflicts: synced.conflicts,
  };
}

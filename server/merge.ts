/**
 * How one mutation changes one item: the merge rules of the protocol, free of storage and HTTP so
 * both backends apply exactly the same ones.
 *
 * Each field keeps its value, the community version that wrote it, and the writer's (at, clientId)
 * stamp. A write based on the current field version simply replaces it, and so does a write from
 * the client that wrote the current value (a client always knows its own earlier writes, even before
 * it pulls them back). Any other write based on an older version is concurrent with whatever
 * replaced that base: the higher stamp wins, and if both values are different strings the loser is
 * kept as a conflict revision, so no text edit is ever dropped. Lists of strings (tags, the sites
 * a tip applies to) are sets: concurrent writes merge into their union, so no addition is lost.
 *
 * Before any of that, a `set` of an existing item must come from its author or a steward
 * (lib/wire/authz.ts); endorsements are always the writer's own, keyed by member id.
 */
import { mayChange, notAllowedReason, type ChangeAction } from '../lib/wire/authz';
import { itemKinds, type ItemKind } from '../lib/wire/schemas';
import type {
  ConflictRevision,
  EndorseMutation,
  FieldWrite,
  Mutation,
  RejectCode,
  Role,
  SetMutation,
} from '../lib/wire/sync';
import { fieldWrites, writableFields } from '../lib/wire/sync';

/** Listed once per kind: every new item is checked against its kind's list. */
export const WRITABLE = Object.fromEntries(
  itemKinds.map((kind) => [kind, writableFields(kind)]),
) as Record<ItemKind, string[]>;

export interface FieldState {
  v: unknown;
  ver: number;
  at: number;
  by: string;
  author: string;
}

export interface EndorsementState {
  on: boolean;
  at: number;
  by: string;
  name: string;
}

/** Stored merge state of an item. */
export interface ItemDoc {
  kind: ItemKind;
  /** Display name of the creator, as shown. */
  createdBy: string;
  /** Member id of the creator, who may change it; null if unknown (then only stewards may). */
  authorId: string | null;
  fields: Record<string, FieldState>;
  endorsements: Record<string, EndorsementState>;
  conflicts: ConflictRevision[];
}

export interface Writer {
  communityId: string;
  memberId: string;
  displayName: string;
  /** As the members table says at the time of the push. */
  role: Role;
  clientId: string;
}

export type MergeOutcome = { doc: ItemDoc } | { rejected: string; code: RejectCode };

export function applyMutation(
  doc: ItemDoc | null,
  m: Mutation,
  w: Writer,
  version: number,
): MergeOutcome {
  if (m.op === 'endorse') return endorse(doc, m, w);
  return doc ? update(doc, m, w, version) : create(m, w, version);
}

export function isTombstone(doc: ItemDoc): boolean {
  return doc.fields['deletedAt']?.v != null;
}

function create(m: SetMutation, w: Writer, version: number): MergeOutcome {
  // Each value was validated with the request; a new item only needs all of them.
  const writes = m.fields as Record<string, FieldWrite | undefined>;
  const fields: Record<string, FieldState> = {};
  const missing: string[] = [];
  for (const name of WRITABLE[m.kind]) {
    const write = writes[name];
    if (write === undefined) missing.push(name);
    else
      fields[name] = {
        v: write.value,
        ver: version,
        at: m.at,
        by: w.clientId,
        author: w.displayName,
      };
  }
  if (missing.length > 0) {
    return {
      code: 'unknown_item',
      rejected: `unknown item (never created, or purged): a first write must set every field; missing: ${missing.join(', ')}`,
    };
  }
  return {
    doc: {
      kind: m.kind,
      createdBy: w.displayName,
      authorId: w.memberId,
      fields,
      endorsements: {},
      conflicts: [],
    },
  };
}

/** What a `set` does to an existing item: a write of `deletedAt` deletes or restores it. */
export function changeAction(doc: ItemDoc, m: SetMutation): ChangeAction {
  const deletedAt = (m.fields as Record<string, FieldWrite | undefined>)['deletedAt'];
  if (deletedAt === undefined) return 'edit';
  if (deletedAt.value != null) return 'delete';
  return isTombstone(doc) ? 'restore' : 'edit';
}

function update(doc: ItemDoc, m: SetMutation, w: Writer, version: number): MergeOutcome {
  if (doc.kind !== m.kind) {
    return { code: 'wrong_kind', rejected: `item is a ${doc.kind}, not a ${m.kind}` };
  }
  // A complete first write under an id that exists is an edit of that item, like any other.
  if (!mayChange(w, doc.authorId)) {
    return {
      code: 'not_allowed',
      rejected: notAllowedReason(changeAction(doc, m), doc.kind, doc.createdBy),
    };
  }
  const fields = { ...doc.fields };
  let conflicts = doc.conflicts;
  for (const [name, write] of fieldWrites(m)) {
    const incoming: FieldState = {
      v: write.value,
      ver: version,
      at: m.at,
      by: w.clientId,
      author: w.displayName,
    };
    const current = fields[name];
    if (!current || write.base >= current.ver || current.by === w.clientId) {
      fields[name] = incoming;
    } else {
      const incomingWins = later(incoming, current);
      const [winner, loser] = incomingWins ? [incoming, current] : [current, incoming];
      if (isStrings(winner.v) && isStrings(loser.v)) {
        fields[name] = union(current, winner.v, loser.v, winner, version);
      } else {
        if (typeof current.v === 'string' && typeof incoming.v === 'string') {
          if (current.v !== incoming.v) {
            if (conflicts.filter((c) => c.field === name).length >= MAX_CONFLICTS_PER_FIELD) {
              return { code: 'too_many_conflicts', rejected: tooManyConflicts(name) };
            }
            conflicts = [...conflicts, revision(name, loser)];
          }
        }
        if (incomingWins) fields[name] = incoming;
      }
    }
    const dismissed = new Set(write.dismiss ?? []);
    if (dismissed.size > 0) {
      conflicts = conflicts.filter((c) => c.field !== name || !dismissed.has(c.version));
    }
  }
  return { doc: { ...doc, fields, conflicts } };
}

function endorse(doc: ItemDoc | null, m: EndorseMutation, w: Writer): MergeOutcome {
  if (!doc) {
    return {
      code: 'unknown_item',
      rejected: 'unknown item (never created, or purged): cannot endorse it',
    };
  }
  const current = doc.endorsements[w.memberId];
  const incoming = { on: m.endorsed, at: m.at, by: w.clientId, name: w.displayName };
  if (current && !later(incoming, current)) return { doc };
  return { doc: { ...doc, endorsements: { ...doc.endorsements, [w.memberId]: incoming } } };
}

/**
 * Unsettled revisions an item keeps per field. Each is shown to members until one settles them;
 * past this many, a further concurrent edit is refused (and its writer told so) rather than
 * letting an item grow without bound, or dropping a revision silently.
 */
export const MAX_CONFLICTS_PER_FIELD = 20;

const tooManyConflicts = (field: string) =>
  `“${field}” already has ${MAX_CONFLICTS_PER_FIELD} conflicting edits waiting; settle them on the item first, then edit again`;

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Two concurrent writes of a set: the winner's members, in its order, then the loser's others. A
 * removal that raced another write can come back; an addition never goes. The union is nobody's
 * own write (its writer id matches no client), so neither writer's next edit, based on what it
 * had before seeing the union, replaces it unmerged.
 */
function union(
  current: FieldState,
  winning: string[],
  losing: string[],
  winner: FieldState,
  version: number,
): FieldState {
  const v = [...winning, ...losing.filter((x) => !winning.includes(x))];
  const before = current.v as string[];
  if (v.length === before.length && v.every((x, i) => x === before[i])) return current;
  return { v, ver: version, at: winner.at, by: MERGED, author: winner.author };
}

/** Writer id of a merged value: shorter than any client id may be, so no client owns it. */
const MERGED = 'merged';

/** Total order of concurrent writes: stamp first, client id breaks ties. */
function later(a: { at: number; by: string }, b: { at: number; by: string }): boolean {
  return a.at !== b.at ? a.at > b.at : a.by > b.by;
}

function revision(field: string, f: FieldState): ConflictRevision {
  return { field, value: f.v, author: f.author, clientId: f.by, at: f.at, version: f.ver };
}

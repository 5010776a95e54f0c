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
 * (lib/wire/authz.ts), and one of a path from a curator; marks are always the writer's own, keyed
 * by member id and mark kind, and merge as sets (docs/community.md).
 */
import {
  type ChangeAction,
  type CommunitySettings,
  type ConflictRevision,
  type EndorseMutation,
  type FieldWrite,
  fieldWrites,
  type ItemKind,
  itemKinds,
  MARK_RULES,
  type MarkKind,
  type MarkMutation,
  mayChange,
  mayCurate,
  type Mutation,
  NOT_A_CURATOR,
  notAllowedReason,
  notYourMark,
  type RejectCode,
  type Refusal,
  requiredFields,
  type Role,
  type SetMutation,
  writableFields,
  wrongKindForMark,
} from '../lib/wire';

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

/** One member's mark of one kind: on or taken back, with the stamp that orders it. */
export interface MarkState {
  on: boolean;
  at: number;
  by: string;
  name: string;
  team: string | null;
  markedAt: number;
  note?: string;
}

/** Marks are keyed by kind and member: `helped:<member id>`. */
export const markKey = (kind: MarkKind, memberId: string) => `${kind}:${memberId}`;

/** Stored merge state of an item. */
export interface ItemDoc {
  kind: ItemKind;
  /** Display name of the creator, as shown. */
  createdBy: string;
  /** Member id of the creator, who may change it; null if unknown (then only stewards may). */
  authorId: string | null;
  fields: Record<string, FieldState>;
  marks: Record<string, MarkState>;
  conflicts: ConflictRevision[];
}

export interface Writer {
  communityId: string;
  memberId: string;
  displayName: string;
  /** As the members table says at the time of the push. */
  role: Role;
  /** The member's team at the time of the push, recorded with their marks. */
  team: string | null;
  clientId: string;
}

/** What a mutation is applied in: the version it would get, the server's time, the settings. */
export interface MergeContext {
  version: number;
  now: number;
  settings: Pick<CommunitySettings, 'pathCurators' | 'curators'>;
}

export type MergeOutcome =
  { doc: ItemDoc } | { rejected: string; code: RejectCode; refusal: Refusal };

export function applyMutation(
  doc: ItemDoc | null,
  m: Mutation,
  w: Writer,
  ctx: MergeContext,
): MergeOutcome {
  if (m.op !== 'set') return mark(doc, m, w, ctx.now);
  if (m.kind === 'path' && !mayCurate(w, ctx.settings)) {
    return { code: 'not_allowed', rejected: NOT_A_CURATOR, refusal: { rule: 'curators_only' } };
  }
  return doc ? update(doc, m, w, ctx.version) : create(m, w, ctx.version);
}

export function isTombstone(doc: ItemDoc): boolean {
  return doc.fields['deletedAt']?.v != null;
}

function create(m: SetMutation, w: Writer, version: number): MergeOutcome {
  // Each value was validated with the request; a new item only needs all of them.
  const writes = m.fields as Record<string, FieldWrite | undefined>;
  const fields: Record<string, FieldState> = {};
  const missing = requiredFields(m.kind).filter((name) => writes[name] === undefined);
  for (const name of WRITABLE[m.kind]) {
    const write = writes[name];
    if (write !== undefined)
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
      refusal: { rule: 'unknown_item', missing },
    };
  }
  return {
    doc: {
      kind: m.kind,
      createdBy: w.displayName,
      authorId: w.memberId,
      fields,
      marks: {},
      conflicts: [],
    },
  };
}

/**
 * What a `set` does to an existing item: a write of `deletedAt` deletes or restores it, one of
 * `retiredAt` (a tip) or `closedAt` (a question) retires or closes it.
 */
export function changeAction(doc: ItemDoc, m: SetMutation): ChangeAction {
  const writes = m.fields as Record<string, FieldWrite | undefined>;
  const deletedAt = writes['deletedAt'];
  if (deletedAt !== undefined) {
    if (deletedAt.value != null) return 'delete';
    if (isTombstone(doc)) return 'restore';
  }
  if (writes['retiredAt']?.value != null) return 'retire';
  if (writes['closedAt']?.value != null) return 'close';
  return 'edit';
}

function update(doc: ItemDoc, m: SetMutation, w: Writer, version: number): MergeOutcome {
  if (doc.kind !== m.kind) {
    return {
      code: 'wrong_kind',
      rejected: `item is a ${doc.kind}, not a ${m.kind}`,
      refusal: { rule: 'item_kind', kind: doc.kind, claimed: m.kind },
    };
  }
  // A complete first write under an id that exists is an edit of that item, like any other.
  // Paths are the curators' (checked before): any curator edits the community's Start here,
  // whoever made it; deleting or restoring one stays with its author and stewards.
  const action = changeAction(doc, m);
  const curating = doc.kind === 'path' && action === 'edit';
  if (!curating && !mayChange(w, doc.authorId)) {
    return {
      code: 'not_allowed',
      rejected: notAllowedReason(action, doc.kind, doc.createdBy),
      refusal: { rule: 'author_or_steward', action, kind: doc.kind, author: doc.createdBy },
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
        if (keepsLoser(current.v, incoming.v)) {
          if (conflicts.filter((c) => c.field === name).length >= MAX_CONFLICTS_PER_FIELD) {
            return {
              code: 'too_many_conflicts',
              rejected: tooManyConflicts(name),
              refusal: { rule: 'conflicts_waiting', field: name, max: MAX_CONFLICTS_PER_FIELD },
            };
          }
          conflicts = [...conflicts, revision(name, loser)];
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

/** `endorse`, from clients before marks, is the "Helped me" mark it always stood for. */
function asMark(m: MarkMutation | EndorseMutation, now: number): MarkMutation {
  if (m.op === 'mark') return m;
  return {
    op: 'mark',
    seq: m.seq,
    itemId: m.itemId,
    at: m.at,
    mark: 'helped',
    on: m.endorsed,
    markedAt: now,
  };
}

function mark(
  doc: ItemDoc | null,
  mutation: MarkMutation | EndorseMutation,
  w: Writer,
  now: number,
): MergeOutcome {
  const m = asMark(mutation, now);
  if (!doc) {
    return {
      code: 'unknown_item',
      rejected: 'unknown item (never created, or purged): cannot mark it',
      refusal: { rule: 'unknown_item', missing: [] },
    };
  }
  if (m.memberId !== undefined && m.memberId !== w.memberId) {
    const owner = doc.marks[markKey(m.mark, m.memberId)]?.name;
    return {
      code: 'not_allowed',
      rejected: notYourMark(m.mark, owner),
      refusal: { rule: 'own_mark', mark: m.mark, ...(owner ? { owner } : {}) },
    };
  }
  if (!MARK_RULES[m.mark].on.includes(doc.kind)) {
    return {
      code: 'wrong_kind',
      rejected: wrongKindForMark(m.mark, doc.kind),
      refusal: { rule: 'mark_kind', mark: m.mark, kind: doc.kind },
    };
  }
  const incoming: MarkState = {
    on: m.on,
    at: m.at,
    by: w.clientId,
    name: w.displayName,
    team: w.team,
    markedAt: m.markedAt,
    ...(m.note === undefined ? {} : { note: m.note }),
  };
  let marks = putMark(doc.marks, markKey(m.mark, w.memberId), incoming);
  // "This answered it" is also a "Helped me", with the same story.
  if (m.mark === 'answered' && m.on)
    marks = putMark(marks, markKey('helped', w.memberId), incoming);
  return { doc: marks === doc.marks ? doc : { ...doc, marks } };
}

/** A member's mark is the latest of their writes of it, by (at, clientId): a set per kind. */
function putMark(
  marks: Record<string, MarkState>,
  key: string,
  incoming: MarkState,
): Record<string, MarkState> {
  const current = marks[key];
  if (current && !later(incoming, current)) return marks;
  return { ...marks, [key]: incoming };
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
 * Whether a concurrent write's loser is kept as a revision: texts, and lists written whole (a
 * path's steps), when they differ. Timestamps and flags are last writer wins.
 */
function keepsLoser(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a !== b;
  return Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) !== JSON.stringify(b);
}

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

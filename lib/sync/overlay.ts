/**
 * The item a user sees: the server's copy with their queued (not yet acknowledged) mutations on
 * top, applied the way the server will most likely apply them.
 */
import {
  type EndorseMutation,
  fieldWrites,
  type Item,
  type Mark,
  markKinds,
  type MarkMutation,
  type Mutation,
  requiredFields,
  type SyncedItem,
} from '../wire';

export interface Me {
  communityId: string;
  memberId: string;
  displayName: string;
  /** The member's team, recorded with their marks. */
  team?: string | null;
}

export function overlay(
  synced: SyncedItem | undefined,
  pending: readonly Mutation[],
  me: Me,
): SyncedItem | undefined {
  let view = synced;
  for (const m of pending) {
    if (m.op !== 'set') {
      // A mark shows at once, as the server will most likely record it (server/merge.ts).
      if (view) view = withMark(view, m, me);
      continue;
    }
    const values = Object.fromEntries(fieldWrites(m).map(([k, f]) => [k, f.value]));
    if (!view) {
      // Only a complete first write makes an item; anything else waits for the server's copy.
      if (!requiredFields(m.kind).every((f) => Object.hasOwn(m.fields, f))) continue;
      const item = {
        ...values,
        id: m.itemId,
        community: me.communityId,
        kind: m.kind,
        author: me.displayName,
        authorId: me.memberId,
      } as Item;
      view = { item, version: 0, fieldVersions: {}, endorsements: [], marks: [], conflicts: [] };
      continue;
    }
    const conflicts = view.conflicts.filter(
      (c) => !m.fields[c.field]?.dismiss?.includes(c.version),
    );
    view = { ...view, item: { ...view.item, ...values } as Item, conflicts };
  }
  return view;
}

const byMember = (a: { memberId: string }, b: { memberId: string }) =>
  a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;

/** The member's own mark put on a view: their mark of that kind replaced, "helped" mirrored. */
function withMark(view: SyncedItem, m: EndorseMutation | MarkMutation, me: Me): SyncedItem {
  const kind = m.op === 'endorse' ? 'helped' : m.mark;
  const on = m.op === 'endorse' ? m.endorsed : m.on;
  const note = m.op === 'mark' && m.on ? m.note : undefined;
  const markedAt = m.op === 'mark' ? m.markedAt : Math.floor(m.at / 1000);
  const mine = (k: Mark['kind']): Mark => ({
    kind: k,
    on,
    memberId: me.memberId,
    name: me.displayName,
    team: me.team ?? null,
    at: m.at,
    markedAt,
    ...(note === undefined ? {} : { note }),
  });
  // "This answered it" is also a "Helped me", with the same story.
  const kinds = kind === 'answered' && on ? (['answered', 'helped'] as const) : [kind];
  let marks = view.marks ?? [];
  for (const k of kinds)
    marks = [...marks.filter((x) => !(x.kind === k && x.memberId === me.memberId)), mine(k)].sort(
      (a, b) => markKinds.indexOf(a.kind) - markKinds.indexOf(b.kind) || byMember(a, b),
    );
  if (!kinds.includes('helped')) return { ...view, marks };
  const others = view.endorsements.filter((e) => e.memberId !== me.memberId);
  const endorsements = on
    ? [...others, { memberId: me.memberId, name: me.displayName, at: m.at }].sort(byMember)
    : others;
  return { ...view, marks, endorsements };
}

/**
 * The item a user sees: the server's copy with their queued (not yet acknowledged) mutations on
 * top, applied the way the server will most likely apply them.
 */
import type { Item } from '../wire/schemas';
import { fieldWrites, requiredFields, type Mutation, type SyncedItem } from '../wire/sync';

export interface Me {
  communityId: string;
  memberId: string;
  displayName: string;
}

export function overlay(
  synced: SyncedItem | undefined,
  pending: readonly Mutation[],
  me: Me,
): SyncedItem | undefined {
  let view = synced;
  for (const m of pending) {
    if (m.op !== 'set') {
      // The views show only "Helped me" so far: it is shown at once, other marks once pulled.
      const helped = m.op === 'endorse' ? m.endorsed : m.mark === 'helped' ? m.on : undefined;
      if (!view || helped === undefined) continue;
      const others = view.endorsements.filter((e) => e.memberId !== me.memberId);
      const mine = { memberId: me.memberId, name: me.displayName, at: m.at };
      const endorsements = helped
        ? [...others, mine].sort((a, b) => (a.memberId < b.memberId ? -1 : 1))
        : others;
      view = { ...view, endorsements };
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
      view = { item, version: 0, fieldVersions: {}, endorsements: [], conflicts: [] };
      continue;
    }
    const conflicts = view.conflicts.filter(
      (c) => !m.fields[c.field]?.dismiss?.includes(c.version),
    );
    view = { ...view, item: { ...view.item, ...values } as Item, conflicts };
  }
  return view;
}

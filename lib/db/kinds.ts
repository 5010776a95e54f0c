/**
 * A community's live paths or stances. They are listed in the related index (`ps:<community>`,
 * lib/related/persisted.ts), so only those few items are read: never every item of the
 * community, which the popup's first paint and every navigation would otherwise pay for.
 */
import type { PersistedRelated } from '../related';
import type { Item, ItemKind } from '../wire';
import { getItems } from './reads';
import type { RepertoireDb } from './schema';

export async function itemsOfKinds<K extends 'path' | 'stance'>(
  db: RepertoireDb,
  index: PersistedRelated,
  community: string,
  kinds: readonly K[],
): Promise<Extract<Item, { kind: K }>[]> {
  const wanted = new Set<ItemKind>(kinds);
  const listed = await index.pathsAndStances(community);
  const items = await getItems(
    db,
    listed.filter((entry) => wanted.has(entry.kind)).map((entry) => entry.id),
  );
  // Read as they are now: one deleted or changed since the index last followed writes is seen so.
  return items.filter(
    (item): item is Extract<Item, { kind: K }> =>
      item !== undefined && wanted.has(item.kind) && item.deletedAt === null,
  );
}

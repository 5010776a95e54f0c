/**
 * A community's live items of some kinds (its paths, its stances): few, and with no index of
 * their own, so every copy is walked once and only those kinds are kept. Callers cache the
 * answer (the background until the next write; a popup view while it is open).
 */
import type { Item, ItemKind } from '../wire/schemas';
import type { RepertoireDb } from './schema';

export async function itemsOfKinds<K extends ItemKind>(
  db: RepertoireDb,
  community: string,
  kinds: readonly K[],
): Promise<Extract<Item, { kind: K }>[]> {
  const wanted = new Set<ItemKind>(kinds);
  // An id maps to its current copy: a newer page, then a pending view, replace older ones.
  const seen = new Map<string, Item>();
  const take = (item: Item) => {
    if (item.community === community) seen.set(item.id, item);
  };
  const range = IDBKeyRange.bound([community, -Infinity], [community, Infinity]);
  let page = await db.transaction('serverPages').store.openCursor(range);
  for (; page; page = await page.continue()) for (const { item } of page.value.copies) take(item);
  for (const view of await db.getAllFromIndex('views', 'by-community', community)) take(view.item);
  for (const item of await db.getAllFromIndex('items', 'by-community-updated', range)) take(item);
  return [...seen.values()].filter(
    (item): item is Extract<Item, { kind: K }> => wanted.has(item.kind) && item.deletedAt === null,
  );
}

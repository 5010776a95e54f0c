/** Reads of a shared community's tips for keeping them current (the popup's Review list). */
import type { Mark, SyncedItem, TipItem } from '../wire';
import type { RepertoireDb } from '.';

/**
 * Every live tip of a shared community with every member's marks. Reads the community's pages
 * newest first, so the first copy of an item met is its current one; a pending view comes first.
 * Read on demand (the member opens the list), never as the popup opens.
 */
export async function tipsWithMarks(
  db: RepertoireDb,
  community: string,
): Promise<{ tip: TipItem; marks: Mark[] }[]> {
  const tx = db.transaction(['views', 'serverPages']);
  const met = new Set<string>();
  const out: { tip: TipItem; marks: Mark[] }[] = [];
  const take = ({ item, marks }: SyncedItem) => {
    if (met.has(item.id)) return;
    met.add(item.id);
    if (item.kind === 'tip' && item.deletedAt === null) out.push({ tip: item, marks: marks ?? [] });
  };
  for (const view of await tx.objectStore('views').index('by-community').getAll(community))
    take(view);
  const range = IDBKeyRange.bound([community, -Infinity], [community, Infinity]);
  const pages = tx.objectStore('serverPages');
  for (let at = await pages.openCursor(range, 'prev'); at; at = await at.continue())
    for (const copy of at.value.copies) take(copy);
  return out;
}

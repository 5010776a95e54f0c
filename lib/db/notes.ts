/**
 * Private notes: what a member notes on an item for themselves. Kept on this browser only, in
 * their own store rather than on the item, because a shared item is the server's copy (pulls
 * replace it) and whatever is on it is pushed; a note here is never read by lib/sync.
 */
import type { RepertoireDb } from './schema';
import { write } from './writes';

export interface PrivateNote {
  itemId: string;
  /** So that leaving a community takes its notes with its items. */
  community: string;
  text: string;
  updatedAt: number;
}

export async function getPrivateNote(db: RepertoireDb, itemId: string): Promise<string> {
  return (await db.get('privateNotes', itemId))?.text ?? '';
}

/** An empty note is no note: it is removed rather than kept blank. */
export function setPrivateNote(
  db: RepertoireDb,
  item: { id: string; community: string },
  text: string,
  now = Date.now(),
): Promise<void> {
  return write(async () => {
    if (text === '') await db.delete('privateNotes', item.id);
    else
      await db.put('privateNotes', {
        itemId: item.id,
        community: item.community,
        text,
        updatedAt: now,
      });
  });
}

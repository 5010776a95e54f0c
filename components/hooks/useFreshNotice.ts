import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { recentItems, type RepertoireDb } from '@/lib/db';
import type { Item } from '@/lib/wire';

/**
 * What a sync the popup did not run brought (another member's change, live, or another page's
 * sync): new items are offered as "2 new · Show", so the list never moves under the cursor; a
 * sync that adds nothing to the list (an edit, a mark) is shown at once, since nothing moves.
 */
export function useFreshNotice(
  db: RepertoireDb | undefined,
  community: string | null,
  /** The items the popup shows now, newest first. */
  shown: readonly Item[] | null,
  reload: () => Promise<void>,
) {
  const [fresh, setFresh] = useState(0);
  const shownRef = useRef(shown);
  useEffect(() => {
    shownRef.current = shown;
  }, [shown]);

  const offer = useCallback(async () => {
    if (!db || !community) return;
    const seen = new Set((shownRef.current ?? []).map((item) => item.id));
    const added = (await recentItems(db, community, 50)).filter((i) => !seen.has(i.id));
    if (added.length > 0) setFresh(added.length);
    else await reload();
  }, [db, community, reload]);

  const show = useCallback(async () => {
    setFresh(0);
    await reload();
  }, [reload]);
  return { fresh, offer, show };
}

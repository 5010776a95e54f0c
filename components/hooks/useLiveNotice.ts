import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { recentItems, type RepertoireDb } from '@/lib/db';
import type { Item } from '@/lib/wire';
import { useLiveChanges } from './useLiveChanges';

interface Options {
  db: RepertoireDb | undefined;
  /** The shared community shown; null when it is not shared. */
  community: string | null;
  /** The items the page shows now, newest first. */
  shown: readonly Item[] | null;
  /** Pulls without showing what it brought (useCommunitySync). */
  pullQuietly: (community: string) => Promise<void>;
  /** Shows everything again, as after any sync. */
  reload: () => Promise<void>;
}

/**
 * Another member's change, live: pulled at once, then offered as "2 new" for the member to show
 * when they choose, so the list never moves under the cursor. A change that adds nothing to the
 * list (an edit, a mark) is shown at once: nothing moves for it.
 */
export function useLiveNotice({ db, community, shown, pullQuietly, reload }: Options) {
  const [fresh, setFresh] = useState(0);
  const pullingRef = useRef<Promise<void> | null>(null);
  const againRef = useRef(false);
  const shownRef = useRef(shown);
  useEffect(() => {
    shownRef.current = shown;
  }, [shown]);

  const pull = useCallback(async () => {
    if (!db || !community) return;
    // Changes that come while a pull runs are one more pull after it, not one each.
    if (pullingRef.current) {
      againRef.current = true;
      return;
    }
    const run = (async () => {
      do {
        againRef.current = false;
        await pullQuietly(community);
        const seen = new Set((shownRef.current ?? []).map((item) => item.id));
        const added = (await recentItems(db, community, 50)).filter((i) => !seen.has(i.id));
        if (added.length > 0) setFresh(added.length);
        else await reload();
      } while (againRef.current);
    })();
    pullingRef.current = run;
    await run.finally(() => (pullingRef.current = null));
  }, [db, community, pullQuietly, reload]);

  useLiveChanges(db, community ? [community] : [], () => void pull());

  const show = useCallback(async () => {
    setFresh(0);
    await reload();
  }, [reload]);
  return { fresh, show };
}

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { recentItems, type RepertoireDb } from '@/lib/db';
import type { Item } from '@/lib/wire';

const RECENT_LIMIT = 50;

/** The community's newest items (null while read), and a way to read them again after a write. */
export function useRecent(db: RepertoireDb | undefined, community: string | null) {
  const [recent, setRecent] = useState<Item[] | null>(null);
  const shownRef = useRef(community);
  useEffect(() => {
    shownRef.current = community;
  }, [community]);
  const load = useCallback(async () => {
    if (!db || !community) return;
    const items = await recentItems(db, community, RECENT_LIMIT);
    // A read for a community the member has since left (a sync finishing late) is not shown.
    if (shownRef.current === community) setRecent(items);
  }, [db, community]);
  useEffect(() => void load(), [load]);
  return { recent, load };
}

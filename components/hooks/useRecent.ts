import { useCallback, useEffect, useState } from 'preact/hooks';
import { recentItems, type RepertoireDb } from '@/lib/db';
import type { Item } from '@/lib/wire/schemas';

const RECENT_LIMIT = 50;

/** The community's newest items (null while read), and a way to read them again after a write. */
export function useRecent(db: RepertoireDb | undefined, community: string | null) {
  const [recent, setRecent] = useState<Item[] | null>(null);
  const load = useCallback(async () => {
    if (db && community) setRecent(await recentItems(db, community, RECENT_LIMIT));
  }, [db, community]);
  useEffect(() => void load(), [load]);
  return { recent, load };
}

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { listMemberships, recentItems, type RepertoireDb } from '@/lib/db';
import type { Library } from '@/lib/library';
import { sendMessage } from '@/lib/messaging';
import type { Item } from '@/lib/wire';
import { useLiveChanges } from './useLiveChanges';

interface Ready {
  db: RepertoireDb;
  library: Library;
  replace: (...items: Item[]) => void;
}

/**
 * The library, live: another member's change in any shared community is pulled at once and
 * offered ("2 new or changed · Show"), so that the 50,000 rows never move under the cursor;
 * Show puts them in their place.
 */
export function useLiveLibrary(ready: Ready | null) {
  const db = ready?.db;
  const [communities, setCommunities] = useState<string[]>([]);
  const [arrived, setArrived] = useState<Item[]>([]);
  const libraryRef = useRef(ready?.library);
  useEffect(() => {
    libraryRef.current = ready?.library;
  }, [ready?.library]);
  useEffect(() => {
    if (db) void listMemberships(db).then((ms) => setCommunities(ms.map((m) => m.communityId)));
  }, [db]);

  useLiveChanges(db, communities, (community) => {
    if (!db) return;
    void (async () => {
      await sendMessage('syncNow', { community }).catch(() => null);
      const changed = (await recentItems(db, community, 50)).filter(
        (item) => libraryRef.current?.get(item.id)?.updatedAt !== item.updatedAt,
      );
      if (changed.length === 0) return;
      setArrived((before) => {
        const next = new Map(before.map((item) => [item.id, item]));
        for (const item of changed) next.set(item.id, item);
        return [...next.values()];
      });
    })();
  });

  const show = useCallback(() => {
    ready?.replace(...arrived);
    setArrived([]);
  }, [ready, arrived]);
  return { arrived: arrived.length, show };
}

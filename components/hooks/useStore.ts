import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  ensurePersonalCommunity,
  listCommunities,
  listMemberships,
  openRepertoireDb,
  searchStore,
  type Membership,
  type RepertoireDb,
} from '@/lib/db';
import { canChange, currentCommunity, viewerOf as viewerIn } from '@/lib/repertoire';
import { openSearchIndex, type SearchIndex } from '@/lib/search';
import type { Community, Item } from '@/lib/wire';

export interface Store {
  db: RepertoireDb;
  index: SearchIndex;
}

/**
 * The popup's storage, read directly (no service-worker wake-up), and the community the member
 * is in: the database, the persisted search index, the communities and the member's roles.
 */
export function useStore() {
  const [store, setStore] = useState<Store | null>(null);
  const [communities, setCommunities] = useState<Community[]>([]);
  const [community, setCommunity] = useState<string | null>(null);
  const [memberships, setMemberships] = useState<Membership[]>([]);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    void (async () => {
      try {
        const db = await openRepertoireDb();
        // Independent reads side by side: the popup is a fresh context every time it opens.
        const [list, current, index, joined] = await Promise.all([
          ensurePersonalCommunity(db).then(() => listCommunities(db)),
          currentCommunity.getValue(),
          // A fresh popup reads only the index records a query needs; nothing is rebuilt here.
          openSearchIndex(searchStore(db)),
          listMemberships(db),
        ]);
        setCommunities(list);
        setMemberships(joined);
        setCommunity(current);
        setStore({ db, index });
      } catch {
        setFailed(true);
      }
    })();
  }, []);

  const choose = useCallback((next: string) => {
    setCommunity(next);
    void currentCommunity.setValue(next);
  }, []);

  /** A sync may have brought a new role (the background asks the server after a refusal). */
  const reloadRoles = useCallback(async () => {
    if (store) setMemberships(await listMemberships(store.db));
  }, [store]);

  /** Who looks at an item: 'local' in a local community, else the member's membership. */
  const viewerOf = useCallback(
    (item: Item) => viewerIn(item, communities, memberships),
    [communities, memberships],
  );

  /** Whether Edit, Delete and Restore are offered: only where the server will accept them. */
  const allowed = useCallback((item: Item) => canChange(item, viewerOf(item)), [viewerOf]);

  const shared = communities.some((c) => c.id === community && !c.local);
  const communityName = communities.find((c) => c.id === community)?.name;
  return {
    store,
    failed,
    communities,
    community,
    choose,
    shared,
    communityName,
    allowed,
    viewerOf,
    reloadRoles,
  };
}

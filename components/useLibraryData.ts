import { useEffect, useState } from 'preact/hooks';
import {
  listCommunities,
  openRepertoireDb,
  readLibrary,
  searchStore,
  type RepertoireDb,
} from '@/lib/db';
import { t } from '@/lib/i18n';
import { Library, toEntry } from '@/lib/library';
import type { Item } from '@/lib/wire';
import { openSearchIndex, type SearchIndex } from '@/lib/search';

export type LibraryData =
  | { state: 'loading'; read: number }
  | { state: 'error'; message: string }
  | {
      state: 'ready';
      db: RepertoireDb;
      library: Library;
      index: SearchIndex;
      /** Community names by id. */
      communities: ReadonlyMap<string, string>;
      /**
       * Puts items in the list in their new state (one just edited, others arrived live), and
       * has search read the index again.
       */
      replace: (...items: Item[]) => void;
    };

/** Opens storage and reads every item's list entry once, saying how far it got meanwhile. */
export function useLibraryData(): LibraryData {
  const [data, setData] = useState<LibraryData>({ state: 'loading', read: 0 });
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const db = await openRepertoireDb();
        const [entries, communities, index] = await Promise.all([
          readLibrary(db, (read) => live && setData({ state: 'loading', read })),
          listCommunities(db),
          // Opening reads one record; a query reads the few records its words need.
          openSearchIndex(searchStore(db)),
        ]);
        if (!live) return;
        setData({
          state: 'ready',
          db,
          library: new Library(entries),
          index,
          communities: new Map(communities.map((c) => [c.id, c.name])),
          replace: (...items) => {
            void index.refresh();
            setData((current) =>
              current.state === 'ready'
                ? { ...current, library: current.library.upsert(items.map(toEntry)) }
                : current,
            );
          },
        });
      } catch {
        if (live) {
          setData({
            state: 'error',
            message: t('library_storageFailed'),
          });
        }
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return data;
}

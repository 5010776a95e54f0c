import { useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { t, tn } from '@/lib/i18n';
import type { LibraryEntry } from '@/lib/library';
import { sendMessage } from '@/lib/messaging';
import { formatDate } from '@/lib/ui';
import { ItemForm } from './ItemForm';
import { ItemView } from './ItemView';
import { LibraryFilters } from './LibraryFilters';
import { LibraryList, type LibraryListHandle } from './LibraryList';
import { StatusMessage } from './StatusMessage';
import { useLibraryData } from './useLibraryData';
import { useLiveLibrary } from './hooks/useLiveLibrary';
import { useLibraryEdit } from './useLibraryEdit';
import { useLibraryRoute } from './useLibraryRoute';
import { SEARCH_LIMIT, useLibrarySearch } from './useLibrarySearch';
import { useLibraryShortcuts } from './useLibraryShortcuts';
import { useLibraryView } from './useLibraryView';
import { useOpenItem } from './useOpenItem';

const items = (n: number) => tn('library_items', n);

export interface LibraryPageProps {
  /** Start with this query (the omnibox's, when nothing matched it). */
  initialQuery?: string;
  /** Render every row, not only those in view: the library bench's baseline. */
  windowed?: boolean;
}

/** The library: every item, with search, filters and sort; an item opens in place. */
export function LibraryPage({ initialQuery = '', windowed = true }: LibraryPageProps) {
  const data = useLibraryData();
  const ready = data.state === 'ready' ? data : null;
  const view = useLibraryView(initialQuery);
  const { choices, filters } = view;
  const found = useLibrarySearch(ready?.index ?? null, choices.query, filters);
  const route = useLibraryRoute();
  const edit = useLibraryEdit(ready?.db ?? null, (item) => ready?.replace(item));
  const open = useOpenItem(ready?.db ?? null, route.itemId, edit.version);
  const live = useLiveLibrary(ready);
  const [activeId, setActiveId] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const list = useRef<LibraryListHandle>(null);

  const entries = useMemo(
    () => ready?.library.browse(filters, choices.sort, found.ranked ?? undefined) ?? [],
    [ready, filters, choices.sort, found.ranked],
  );

  const detail = (entry: LibraryEntry) =>
    [
      entry.site,
      entry.author,
      (ready?.communities.size ?? 0) > 1 ? ready?.communities.get(entry.community) : null,
      formatDate(entry.createdAt),
      ...entry.tags.map((tag) => `#${tag}`),
    ]
      .filter(Boolean)
      .join(' · ');

  const openItem = (id: string) => {
    setActiveId(id);
    route.open(id);
  };
  const backToList = () => {
    edit.cancel();
    route.close();
    // Once the list is shown again, the keyboard is back on the row that was opened.
    requestAnimationFrame(() => list.current?.focus());
  };
  // `/` asks for the search box; it gets the keyboard in the first commit that shows it (at once,
  // or once an open item is closed or the library is read), so no letter typed after is lost.
  const [searchAsked, askSearch] = useReducer((n: number) => n + 1, 0);
  const searchGivenRef = useRef(0);
  useLayoutEffect(() => {
    if (searchAsked === searchGivenRef.current || !searchBox.current || route.itemId !== null)
      return;
    searchGivenRef.current = searchAsked;
    searchBox.current.focus();
  });
  useLibraryShortcuts({
    onSlash: () => {
      if (route.itemId) route.close();
      askSearch(0);
    },
    onEscape: () => route.itemId && backToList(),
  });

  const searching = choices.query.trim() !== '';
  const total = ready?.library.size ?? 0;
  const query = choices.query.trim().slice(0, 80);
  const count = !ready
    ? ''
    : searching
      ? found.searching && found.ranked === null
        ? t('library_searching')
        : (found.ranked?.length ?? 0) >= SEARCH_LIMIT
          ? tn('library_matchesBest', entries.length, { query, limit: SEARCH_LIMIT })
          : tn('library_matches', entries.length, { query })
      : view.filtered
        ? tn('library_showing', total, { shown: entries.length })
        : items(total);

  const { reviewing } = edit.review;
  return (
    <main class={reviewing ? 'library reviewing' : 'library'}>
      {reviewing ? (
        <reviewing.Panel
          review={reviewing.review}
          communityName={
            ready?.communities.get(edit.editing?.item.community ?? '') ?? t('library_theCommunity')
          }
          choose={(choice) =>
            sendMessage('shareReviewed', { reviewId: reviewing.review.reviewId, choice })
          }
          onDone={edit.review.settle}
          onBack={() => edit.review.settle(null)}
        />
      ) : null}
      <section
        class="library-browse"
        aria-labelledby="library-title"
        hidden={route.itemId !== null}
      >
        <h1 id="library-title">{t('library_title')}</h1>
        {ready && ready.library.size > 0 ? (
          <LibraryFilters
            choices={choices}
            facets={ready.library.facets}
            communities={ready.communities}
            filtered={view.filtered}
            set={view.set}
            clear={view.clear}
            searchBox={searchBox}
            onEnterList={() => list.current?.focus()}
            onSubmit={() => entries[0] && openItem(entries[0].id)}
          />
        ) : null}
        {live.arrived > 0 ? (
          <p class="live-notice">
            <button type="button" class="link" onClick={live.show}>
              {tn('library_liveArrived', live.arrived)}
            </button>
          </p>
        ) : null}
        <p role="status" class="library-count">
          {data.state === 'loading'
            ? data.read > 0
              ? tn('library_readingCount', data.read)
              : t('library_reading')
            : total > 0
              ? count
              : ''}
        </p>
        {data.state === 'error' ? (
          <p role="alert" class="status status-error">
            {data.message}
          </p>
        ) : found.failed ? (
          <p role="alert" class="status status-error">
            {t('library_searchFailed')}
          </p>
        ) : !ready ? null : total === 0 ? (
          <p class="empty">{t('library_empty')}</p>
        ) : entries.length === 0 && !found.searching ? (
          <div class="empty">
            <p>{searching ? t('library_noSearchMatch') : t('library_noFilterMatch')}</p>
            {view.filtered ? (
              <button type="button" onClick={view.clear}>
                {t('library_clearFilters')}
              </button>
            ) : null}
          </div>
        ) : (
          <LibraryList
            ref={list}
            entries={entries}
            label={searching ? t('library_searchResults') : t('library_libraryItems')}
            detail={detail}
            marks={found.marks}
            activeId={activeId}
            onActive={setActiveId}
            onOpen={openItem}
            onLeave={() => searchBox.current?.focus()}
            windowed={windowed}
          />
        )}
      </section>
      {route.itemId === null ? null : <StatusMessage status={edit.status} />}
      {route.itemId === null ? null : open.state === 'ready' ? (
        edit.editing?.item.id === open.item.id ? (
          <ItemForm
            what={open.item.kind}
            sharedWith={edit.editing.sharedWith}
            initial={edit.editing.initial}
            saving={edit.saving}
            errors={edit.errors}
            onSave={edit.save}
            onCancel={edit.cancel}
          />
        ) : (
          <ItemView
            db={ready?.db}
            item={open.item}
            meta={open.meta}
            onBack={backToList}
            {...(edit.mayEdit(open.item)
              ? { onEdit: (shown) => edit.start(shown, open.meta) }
              : {})}
          />
        )
      ) : open.state === 'missing' ? (
        <section class="library-missing" aria-labelledby="missing-title">
          <h1 id="missing-title">{t('library_missingTitle')}</h1>
          <p>{t('library_missingText')}</p>
          <button type="button" onClick={backToList}>
            {t('library_openTheLibrary')}
          </button>
        </section>
      ) : (
        <p role="status" class="library-count">
          {t('library_opening')}
        </p>
      )}
    </main>
  );
}

import { useMemo, useRef, useState } from 'preact/hooks';
import type { LibraryEntry } from '@/lib/library';
import { sendMessage } from '@/lib/messaging';
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

const number = new Intl.NumberFormat();
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const items = (n: number) => `${number.format(n)} ${n === 1 ? 'item' : 'items'}`;

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
      day.format(entry.createdAt),
      ...entry.tags.map((t) => `#${t}`),
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
  useLibraryShortcuts({
    onSlash: () => {
      if (route.itemId) route.close();
      requestAnimationFrame(() => searchBox.current?.focus());
    },
    onEscape: () => route.itemId && backToList(),
  });

  const searching = choices.query.trim() !== '';
  const total = ready?.library.size ?? 0;
  const count = !ready
    ? ''
    : searching
      ? found.searching && found.ranked === null
        ? 'Searching…'
        : `${number.format(entries.length)} ${entries.length === 1 ? 'match' : 'matches'} for “${choices.query.trim().slice(0, 80)}”${(found.ranked?.length ?? 0) >= SEARCH_LIMIT ? ` (the best ${SEARCH_LIMIT})` : ''}`
      : view.filtered
        ? `Showing ${number.format(entries.length)} of ${items(total)}`
        : items(total);

  const { reviewing } = edit.review;
  return (
    <main class={reviewing ? 'library reviewing' : 'library'}>
      {reviewing ? (
        <reviewing.Panel
          review={reviewing.review}
          communityName={
            ready?.communities.get(edit.editing?.item.community ?? '') ?? 'the community'
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
        <h1 id="library-title">Library</h1>
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
              {live.arrived} new or changed from your community · Show
            </button>
          </p>
        ) : null}
        <p role="status" class="library-count">
          {data.state === 'loading'
            ? `Reading your library… ${data.read > 0 ? items(data.read) : ''}`.trim()
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
            Repertoire could not search just now. Reload this page to try again; the filters work
            without a query.
          </p>
        ) : !ready ? null : total === 0 ? (
          <p class="empty">
            Nothing here yet. Clip a page or a selection, or write a tip, from the Repertoire button
            in the toolbar: everything you keep shows here.
          </p>
        ) : entries.length === 0 && !found.searching ? (
          <div class="empty">
            <p>
              {searching
                ? 'No item matches this search with these filters. Try fewer or other words.'
                : 'No item matches these filters.'}
            </p>
            {view.filtered ? (
              <button type="button" onClick={view.clear}>
                Clear filters
              </button>
            ) : null}
          </div>
        ) : (
          <LibraryList
            ref={list}
            entries={entries}
            label={searching ? 'Search results' : 'Library items'}
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
          <h1 id="missing-title">Item not found</h1>
          <p>
            This item is not in your repertoire on this browser: it was deleted, or it has not
            synced here yet. Open the library to find another.
          </p>
          <button type="button" onClick={backToList}>
            Open the library
          </button>
        </section>
      ) : (
        <p role="status" class="library-count">
          Opening the item…
        </p>
      )}
    </main>
  );
}

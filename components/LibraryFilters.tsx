import type { Ref } from 'preact';
import { useMemo } from 'preact/hooks';
import { formatNumber, t, type MessageKey } from '@/lib/i18n';
import type { Facet, Facets, LibrarySort } from '@/lib/library';
import type { LibraryChoices } from './useLibraryView';

interface Props {
  choices: LibraryChoices;
  facets: Facets;
  /** Community names by id. */
  communities: ReadonlyMap<string, string>;
  filtered: boolean;
  set: <K extends keyof LibraryChoices>(name: K, value: LibraryChoices[K]) => void;
  clear: () => void;
  searchBox: Ref<HTMLInputElement>;
  /** Down from the search box: into the list. */
  onEnterList: () => void;
  /** Enter in the search box: open the first item listed. */
  onSubmit: () => void;
}

const SORT_LABEL: Record<LibrarySort, MessageKey> = {
  relevance: 'library_sortRelevance',
  newest: 'library_sortNewest',
  oldest: 'library_sortOldest',
  title: 'library_sortTitle',
  updated: 'library_sortUpdated',
};

const value = (event: Event) => (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;

/**
 * A facet's options: the Tool filter alone has thousands. Kept as one element per facet, so a
 * change of another filter does not diff (nor format) them again.
 */
function Options({ facets, names }: { facets: Facet[]; names?: ReadonlyMap<string, string> }) {
  return (
    <>
      {facets.map((f) => (
        <option key={f.value} value={f.value}>
          {`${names?.get(f.value) ?? f.value} (${formatNumber(f.count)})`}
        </option>
      ))}
    </>
  );
}

function Choice(props: {
  label: string;
  any: string;
  facets: Facet[];
  value: string;
  /** Names to show for the values (community ids). */
  names?: ReadonlyMap<string, string>;
  onChange: (value: string) => void;
}) {
  const { facets, names } = props;
  const options = useMemo(
    () => <Options facets={facets} {...(names ? { names } : {})} />,
    [facets, names],
  );
  return (
    <label class="library-filter">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(value(e))}>
        <option value="">{props.any}</option>
        {options}
      </select>
    </label>
  );
}

/** The search box, the filters and the order of the library. */
export function LibraryFilters({
  choices,
  facets,
  communities,
  filtered,
  set,
  clear,
  searchBox,
  onEnterList,
  onSubmit,
}: Props) {
  const sorts = (Object.keys(SORT_LABEL) as LibrarySort[]).filter(
    (s) => s !== 'relevance' || choices.query.trim() || choices.sort === 'relevance',
  );
  return (
    <div class="library-controls">
      <input
        ref={searchBox}
        type="search"
        class="search"
        aria-label={t('library_searchLibrary')}
        aria-keyshortcuts="/"
        placeholder={t('library_searchPlaceholder')}
        value={choices.query}
        onInput={(e) => set('query', value(e))}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && choices.query) {
            // Handled here: the page's Escape must not also act on it.
            e.preventDefault();
            set('query', '');
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            onEnterList();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onSubmit();
          }
        }}
      />
      <div class="library-filters" role="group" aria-label={t('library_filters')}>
        <label class="library-filter">
          <span>{t('library_kind')}</span>
          <select value={choices.kind} onChange={(e) => set('kind', value(e))}>
            <option value="">{t('library_anyKind')}</option>
            <option value="page">{t('library_pages')}</option>
            <option value="snippet">{t('library_snippets')}</option>
            <option value="tip">{t('library_tips')}</option>
          </select>
        </label>
        <Choice
          label={t('library_tag')}
          any={t('library_anyTag')}
          facets={facets.tag}
          value={choices.tag}
          onChange={(v) => set('tag', v)}
        />
        <Choice
          label={t('library_author')}
          any={t('library_anyone')}
          facets={facets.author}
          value={choices.author}
          onChange={(v) => set('author', v)}
        />
        <Choice
          label={t('library_community')}
          any={t('library_everyCommunity')}
          facets={facets.community}
          value={choices.community}
          names={communities}
          onChange={(v) => set('community', v)}
        />
        <Choice
          label={t('library_tool')}
          any={t('library_anyTool')}
          facets={facets.tool}
          value={choices.tool}
          onChange={(v) => set('tool', v)}
        />
        <label class="library-filter">
          <span>{t('library_addedFrom')}</span>
          <input type="date" value={choices.from} onChange={(e) => set('from', value(e))} />
        </label>
        <label class="library-filter">
          <span>{t('library_addedUntil')}</span>
          <input type="date" value={choices.until} onChange={(e) => set('until', value(e))} />
        </label>
        <label class="library-filter">
          <span>{t('library_sort')}</span>
          <select value={choices.sort} onChange={(e) => set('sort', value(e) as LibrarySort)}>
            {sorts.map((s) => (
              <option key={s} value={s}>
                {t(SORT_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={clear} disabled={!filtered}>
          {t('library_clearFilters')}
        </button>
      </div>
    </div>
  );
}

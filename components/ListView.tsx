import type { ComponentChildren, Ref } from 'preact';
import { t } from '@/lib/i18n';
import type { Item } from '@/lib/wire';
import { EmptyRepertoire } from './EmptyRepertoire';
import { ResultList } from './ResultList';
import type { Search } from './hooks/useSearch';
import { libraryUrl } from '@/lib/ui';

interface Props {
  search: Search;
  recent: Item[] | null;
  inputRef: Ref<HTMLInputElement>;
  /** Whether storage is open. */
  ready: boolean;
  onOpen: (id: string) => void;
  onShowDeleted: () => void;
  /** The Review list, in a shared community. */
  onShowReview?: () => void;
  /** Whether the member is in a shared community: if not, the empty list says how to join. */
  joined: boolean;
  /** Ask the community, with the query typed, if any. */
  onAsk?: (query: string) => void;
  /** Given on a web page no tip applies to: ask about it (the Ask form, about its host). */
  onAskAboutPage?: () => void;
  /** The count line of the community's open questions, and the way to them. */
  questions?: ComponentChildren;
  /** Tips' state badges (hooks/useTipBadges). */
  badges?: ReadonlyMap<string, string>;
}

/** The search box over recent items or search results, with their empty and loading states. */
export function ListView({
  search,
  recent,
  inputRef,
  ready,
  onOpen,
  onShowDeleted,
  onShowReview,
  joined,
  onAsk,
  onAskAboutPage,
  questions,
  badges,
}: Props) {
  const { query, setQuery, found, entries } = search;
  const q = query.trim();
  return (
    <section aria-label={t('extName')}>
      <input
        ref={inputRef}
        type="search"
        class="search"
        aria-label={t('library_searchRepertoire')}
        placeholder={t('library_searchRepertoirePlaceholder')}
        autoFocus
        value={query}
        onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            setQuery('');
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            document.querySelector<HTMLButtonElement>('.results button')?.focus();
          } else if (e.key === 'Enter' && entries[0]) {
            onOpen(entries[0].id);
          }
        }}
      />
      {recent === null ? (
        <p class="empty">{t('library_loadingRepertoire')}</p>
      ) : recent.length === 0 && !q ? (
        <EmptyRepertoire joined={joined} />
      ) : q && found === null ? (
        <p class="empty">{t('library_searching')}</p>
      ) : entries.length === 0 ? (
        <div class="empty">
          <p>{t('library_noMatch', { query: q.slice(0, 80) })}</p>
          {onAsk ? (
            <button type="button" onClick={() => onAsk(q)}>
              {t('library_askTheCommunity')}
            </button>
          ) : null}
        </div>
      ) : (
        <ResultList
          entries={entries}
          label={q ? t('library_searchResults') : t('library_recentItems')}
          busy={q !== '' && found?.query !== q}
          onOpen={onOpen}
          badges={badges}
        />
      )}
      {onAskAboutPage ? (
        <p class="ask-page">
          {t('library_noTipsForPage')}{' '}
          <button type="button" onClick={onAskAboutPage}>
            {t('library_askAboutPage')}
          </button>
        </p>
      ) : null}
      {questions}
      <div class="toolbar list-footer">
        <button type="button" class="quiet" onClick={onShowDeleted} disabled={!ready}>
          {t('library_recentlyDeleted')}
        </button>
        {onShowReview ? (
          <button type="button" class="quiet" onClick={onShowReview} disabled={!ready}>
            {t('library_reviewTips')}
          </button>
        ) : null}
        <a href={libraryUrl()} target="_blank" rel="noopener">
          {t('library_openLibrary')}
        </a>
      </div>
    </section>
  );
}

import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { formatDate } from '@/lib/ui';
import type { Item } from '@/lib/wire';

interface Props {
  /** Null while they are read. */
  items: Item[] | null;
  /** A shared community's deleted items last until a steward purges them. */
  shared: boolean;
  canRestore: (item: Item) => boolean;
  onRestore: (item: Item) => void;
  onBack: () => void;
}

/** Deleted items that can still be restored, most recently deleted first. */
export function DeletedList({ items, shared, canRestore, onRestore, onBack }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <section class="deleted" aria-labelledby="deleted-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          {t('library_backToResults')}
        </button>
      </div>
      <h1 id="deleted-title" tabIndex={-1} ref={heading}>
        {t('library_recentlyDeleted')}
      </h1>
      <p class="meta">{shared ? t('library_deletedShared') : t('library_deletedPersonal')}</p>
      {items === null ? (
        <p class="empty">{t('library_loading')}</p>
      ) : items.length === 0 ? (
        <p class="empty">{t('library_nothingDeleted')}</p>
      ) : (
        <ul class="results" aria-label={t('library_deletedItems')}>
          {items.map((item) => (
            <li key={item.id} class="deleted-item">
              <span class="deleted-text">
                <span class="result-title" dir="auto">
                  {item.title || t('library_untitled')}
                </span>
                <span class="result-meta">
                  {[
                    item.author,
                    item.deletedAt &&
                      t('library_deletedOn', { date: formatDate(item.deletedAt, { time: true }) }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
              {canRestore(item) ? (
                <button
                  type="button"
                  aria-label={t('library_restoreTitle', {
                    title: item.title || t('library_untitled'),
                  })}
                  onClick={() => onRestore(item)}
                >
                  {t('library_restore')}
                </button>
              ) : (
                <span class="meta">{t('library_restoreWho')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

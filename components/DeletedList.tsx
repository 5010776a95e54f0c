import { useLayoutEffect, useRef } from 'preact/hooks';
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
          Back to results
        </button>
      </div>
      <h1 id="deleted-title" tabIndex={-1} ref={heading}>
        Recently deleted
      </h1>
      <p class="meta">
        {shared
          ? 'Restore an item here until a steward clears the community’s deleted items for good.'
          : 'Deleted items stay here until you restore them.'}
      </p>
      {items === null ? (
        <p class="empty">Loading…</p>
      ) : items.length === 0 ? (
        <p class="empty">Nothing was deleted.</p>
      ) : (
        <ul class="results" aria-label="Deleted items">
          {items.map((item) => (
            <li key={item.id} class="deleted-item">
              <span class="deleted-text">
                <span class="result-title" dir="auto">
                  {item.title || '(untitled)'}
                </span>
                <span class="result-meta">
                  {[
                    item.author,
                    item.deletedAt && `deleted ${formatDate(item.deletedAt, { time: true })}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </span>
              {canRestore(item) ? (
                <button
                  type="button"
                  aria-label={`Restore “${item.title || '(untitled)'}”`}
                  onClick={() => onRestore(item)}
                >
                  Restore
                </button>
              ) : (
                <span class="meta">Its author or a steward can restore it.</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

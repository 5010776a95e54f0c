import { t } from '@/lib/i18n';
import type { IndexingProgress } from '@/lib/messaging';

/** While many items wait to be searchable (a first sync, an import): how far indexing has got. */
export function IndexingLine({ progress }: { progress: IndexingProgress }) {
  const { indexed, total } = progress;
  return (
    <div class="indexing" role="status">
      <p class="meta">{t('popup_indexing', { indexed, total })}</p>
      <progress value={indexed} max={total} aria-label={t('popup_indexingLabel')} />
    </div>
  );
}

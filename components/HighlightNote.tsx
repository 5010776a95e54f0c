import { shortDate } from '@/lib/ui';
import { t } from '@/lib/i18n';
import type { PageSnippet } from '@/lib/messaging';

interface Props {
  snippet: PageSnippet;
  onClose: () => void;
}

/**
 * A highlighted snippet's note, in the popover a highlight opens. Another member's text, so
 * everything is rendered as text.
 */
export function HighlightNote({ snippet, onClose }: Props) {
  return (
    <div class="note" role="dialog" aria-label={t('highlights_noteLabel')} tabIndex={-1}>
      <header>
        <strong>{snippet.title}</strong>
        <button type="button" aria-label={t('highlights_close')} onClick={onClose}>
          ×
        </button>
      </header>
      {snippet.note ? (
        <p class="text">{snippet.note}</p>
      ) : (
        <p class="meta">{t('highlights_noNote')}</p>
      )}
      <p class="meta">
        {snippet.author
          ? t('highlights_bylineBy', {
              author: snippet.author,
              date: shortDate(snippet.createdAt),
              community: snippet.community,
            })
          : t('highlights_byline', {
              date: shortDate(snippet.createdAt),
              community: snippet.community,
            })}
      </p>
    </div>
  );
}

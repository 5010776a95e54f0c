import { shortDate } from '@/lib/ui';
import { HIGHLIGHT_WORDS as W } from '@/lib/highlights/words';
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
    <div class="note" role="dialog" aria-label={W.noteLabel} tabIndex={-1}>
      <header>
        <strong>{snippet.title}</strong>
        <button type="button" aria-label={W.close} onClick={onClose}>
          ×
        </button>
      </header>
      {snippet.note ? <p class="text">{snippet.note}</p> : <p class="meta">{W.noNote}</p>}
      <p class="meta">
        {W.byline(snippet.author, shortDate(snippet.createdAt), snippet.community)}
      </p>
    </div>
  );
}

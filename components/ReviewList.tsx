import { useLayoutEffect, useRef } from 'preact/hooks';
import type { StateLine } from '@/lib/community';
import { t } from '@/lib/i18n';

export interface ReviewEntry {
  id: string;
  title: string;
  lines: StateLine[];
}

interface Props {
  /** Null while they are read. */
  tips: readonly ReviewEntry[] | null;
  onOpen: (id: string) => void;
  onBack: () => void;
}

/** Tips due for review or flagged "Needs an update", the ones shown most on this browser first. */
export function ReviewList({ tips, onOpen, onBack }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <section class="review" aria-labelledby="review-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          {t('library_backToResults')}
        </button>
      </div>
      <h1 id="review-title" tabIndex={-1} ref={heading}>
        {t('library_review')}
      </h1>
      <p class="meta">{t('library_reviewIntro')}</p>
      {tips === null ? (
        <p class="empty">{t('library_loading')}</p>
      ) : tips.length === 0 ? (
        <p class="empty">{t('library_nothingToReview')}</p>
      ) : (
        <ul class="results" aria-label={t('library_tipsToReview')}>
          {tips.map((tip) => (
            <li key={tip.id}>
              <button type="button" class="result" onClick={() => onOpen(tip.id)}>
                <span class="result-title" dir="auto">
                  {tip.title || t('library_untitled')}
                </span>
                {tip.lines.map((line) => (
                  <span key={line.text} class={`result-meta state-${line.tone}`} dir="auto">
                    {line.text}
                  </span>
                ))}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

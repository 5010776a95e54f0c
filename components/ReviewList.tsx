import { useLayoutEffect, useRef } from 'preact/hooks';
import type { StateLine } from '@/lib/community';

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
          Back to results
        </button>
      </div>
      <h1 id="review-title" tabIndex={-1} ref={heading}>
        Review
      </h1>
      <p class="meta">
        Tips due for review or flagged, the ones shown most on your pages first. Open one to say it
        is still accurate, or edit it.
      </p>
      {tips === null ? (
        <p class="empty">Loading…</p>
      ) : tips.length === 0 ? (
        <p class="empty">Nothing to review: every tip was verified within its interval.</p>
      ) : (
        <ul class="results" aria-label="Tips to review">
          {tips.map((tip) => (
            <li key={tip.id}>
              <button type="button" class="result" onClick={() => onOpen(tip.id)}>
                <span class="result-title" dir="auto">
                  {tip.title || '(untitled)'}
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

import { useCallback, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { NeedsReview, ReviewOutcome } from '@/lib/messaging';
import type { Status } from '../StatusMessage';
import type { ShareReview as ShareReviewPanel } from '../ShareReview';

export type Shared = Extract<ReviewOutcome, { ok: true }>;

export interface Reviewing {
  review: NeedsReview['review'];
  Panel: typeof ShareReviewPanel;
  /** With the member's choice once written; null when they went back. */
  resolve: (outcome: Shared | null) => void;
}

/** After a review, what became of it, as a sentence. */
export const reviewNote = (outcome: Shared): string =>
  outcome.choice === 'personal'
    ? t('library_keptPersonal')
    : outcome.choice === 'redact'
      ? t('library_redactedBeforeSharing')
      : t('library_sharedAsWritten');

/** What the secret scan held back, shown (the panel loads only then), and the choice awaited. */
export function useShareReview(say: (status: Status) => void) {
  const [reviewing, setReviewing] = useState<Reviewing | null>(null);
  const ask = useCallback(
    async (review: NeedsReview['review']): Promise<Shared | null> => {
      const { ShareReview } = await import('../ShareReview');
      say({ tone: 'idle' });
      return new Promise((resolve) => setReviewing({ review, Panel: ShareReview, resolve }));
    },
    [say],
  );
  const settle = (outcome: Shared | null) => {
    setReviewing(null);
    reviewing?.resolve(outcome);
  };
  return { reviewing, ask, settle };
}

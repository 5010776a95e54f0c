import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { PanelTip } from '@/lib/messaging';
import { StateLines } from './StateLines';

interface Props {
  review: NonNullable<PanelTip['review']>;
  title: string;
  helped: boolean;
  /** Resolves once the background stored "Still accurate"; rejects with a sentence if not. */
  onVerify: () => Promise<void>;
}

/**
 * A shared tip's state in the panel, and the question a member who says "Helped me" on a tip
 * due for review is asked there: "Still accurate?".
 */
export function PanelTipState({ review, title, helped, onVerify }: Props) {
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verify = () => {
    setError(null);
    setSent(true);
    onVerify().catch((e: unknown) => {
      setSent(false);
      setError(t('popup_panelStillAccurateNotSaved', { error: String((e as Error).message ?? e) }));
    });
  };
  return (
    <>
      <StateLines lines={review.lines} />
      {review.due && helped && !sent ? (
        <p class="ask" role="group" aria-label={t('popup_panelIsStillAccurate', { title })}>
          {t('popup_stillAccurateQuestion')}{' '}
          <button type="button" onClick={verify}>
            {t('popup_stillAccurate')}
          </button>
        </p>
      ) : null}
      {sent && review.due ? (
        <p class="meta" role="status">
          {t('popup_panelThanksVerified')}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

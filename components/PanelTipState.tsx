import { useState } from 'preact/hooks';
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
      setError(`“Still accurate” was not saved: ${String((e as Error).message ?? e)}`);
    });
  };
  return (
    <>
      <StateLines lines={review.lines} />
      {review.due && helped && !sent ? (
        <p class="ask" role="group" aria-label={`Is “${title}” still accurate?`}>
          Still accurate?{' '}
          <button type="button" onClick={verify}>
            Still accurate
          </button>
        </p>
      ) : null}
      {sent && review.due ? (
        <p class="meta" role="status">
          Thanks: marked “Still accurate”.
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

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { NeedsReview, ReviewOutcome, ShareChoice } from '@/lib/messaging';
import { describeFindings, fieldName, findingLabel } from '@/lib/secrets';
import { Rich } from './Rich';

interface Props {
  review: NeedsReview['review'];
  /** The shared community's name. */
  communityName: string;
  /** Sends the choice; the background writes only then. */
  choose: (choice: ShareChoice) => Promise<ReviewOutcome>;
  onDone: (outcome: Extract<ReviewOutcome, { ok: true }>) => void;
  /** Back to what was being written, nothing shared. */
  onBack: () => void;
}

/**
 * What the secret scan found in what would be shared, each finding masked and shown in its
 * context; the member decides. Loaded only when a review is needed (off the first paint).
 */
export function ShareReview({ review, communityName, choose, onDone, onBack }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);

  const answer = async (choice: ShareChoice) => {
    setBusy(true);
    setError(null);
    const outcome = await choose(choice).catch((e: unknown): ReviewOutcome => ({
      ok: false,
      message: e instanceof Error ? e.message : String(e),
    }));
    setBusy(false);
    if (outcome.ok) onDone(outcome);
    else setError(outcome.message);
  };

  const secrets = review.findings.some((f) => f.kind === 'secret');
  return (
    <section
      class="share-review"
      aria-labelledby="share-review-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onBack();
        }
      }}
    >
      <h2 id="share-review-title" tabIndex={-1} ref={heading}>
        {t('library_checkBeforeSharing', { community: communityName })}
      </h2>
      <p>
        {t(secrets ? 'library_reviewHoldsSecrets' : 'library_reviewHolds', {
          findings: describeFindings(review.findings),
        })}
      </p>
      <ul class="findings" aria-label={t('library_found')}>
        {review.findings.map((f, i) => (
          <li key={i}>
            <Rich
              text={t('library_findingIn', {
                label: findingLabel(f.label),
                field: fieldName(f.field),
              })}
              parts={{
                what: (label) => <strong>{label}</strong>,
                context: () => (
                  <code>
                    {f.before ? '…' : ''}
                    {f.before}
                    <mark>{f.masked}</mark>
                    {f.after}
                    {f.after ? '…' : ''}
                  </code>
                ),
              }}
            />
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" class="field-error">
          {error}
        </p>
      ) : null}
      <div class="toolbar">
        <button type="button" class="primary" disabled={busy} onClick={() => void answer('redact')}>
          {t('library_redactAndShare')}
        </button>
        <button type="button" disabled={busy} onClick={() => void answer('share')}>
          {t('library_shareAnyway')}
        </button>
        <button type="button" disabled={busy} onClick={() => void answer('personal')}>
          {t('library_keepPersonal')}
        </button>
        <button type="button" disabled={busy} onClick={onBack}>
          {t('library_back')}
        </button>
      </div>
      <p class="hint">
        {t('library_redactHint', { label: review.findings[0]?.label ?? t('library_secret') })}
      </p>
    </section>
  );
}

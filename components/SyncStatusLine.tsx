import { t, tn } from '@/lib/i18n';
import type { SyncStatus } from '@/lib/sync';
import { formatDate } from '@/lib/ui';

function synced(ms: number): string {
  const minutes = Math.round((Date.now() - ms) / 60_000);
  if (minutes < 1) return t('community_syncedJustNow');
  if (minutes < 60) return tn('community_syncedMinutesAgo', minutes);
  return t('community_syncedAt', { date: formatDate(ms, { time: true }) });
}

/** Last synced, pending changes, the last error with a way to retry, and refused changes. */
export function SyncStatusLine({
  status,
  onRetry,
  onDismiss,
}: {
  status: SyncStatus;
  onRetry: () => void;
  onDismiss: () => void;
}) {
  return (
    <>
      <SyncLine status={status} onRetry={onRetry} />
      {status.refused ? <Refused {...status.refused} onDismiss={onDismiss} /> : null}
    </>
  );
}

function SyncLine({ status, onRetry }: { status: SyncStatus; onRetry: () => void }) {
  const pending = status.pending ? ` · ${tn('community_syncPending', status.pending)}` : '';
  if (status.phase === 'syncing')
    return (
      <p class="meta sync">
        {t('community_syncing')}
        {pending}
      </p>
    );
  if (status.lastError && status.phase !== 'idle') {
    // The engine's message already says that changes are kept when the server is unreachable.
    const message = status.lastError.message;
    return (
      <div class="sync sync-error" role="alert">
        <p class="meta">
          {status.phase === 'unauthorized'
            ? t('community_notSyncedRevoked', { message })
            : t('community_notSynced', { message })}
          {pending}
        </p>
        <button type="button" onClick={onRetry}>
          {t('community_retrySync')}
        </button>
      </div>
    );
  }
  return (
    <p class="meta sync">
      {status.lastSyncedAt ? synced(status.lastSyncedAt) : t('community_notSyncedYet')}
      {pending}
    </p>
  );
}

/** Refused changes are gone for good: say so until the member has read it. */
function Refused({
  count,
  reason,
  onDismiss,
}: {
  count: number;
  reason: string;
  onDismiss: () => void;
}) {
  return (
    <div class="sync sync-error" role="alert">
      <p class="meta">{tn('community_refused', count, { reason })}</p>
      <button type="button" onClick={onDismiss}>
        {t('community_dismiss')}
      </button>
    </div>
  );
}

import type { SyncStatus } from '@/lib/sync';
import { formatDate } from '@/lib/ui';

function ago(ms: number): string {
  const minutes = Math.round((Date.now() - ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  return formatDate(ms, { time: true });
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
  const pending = status.pending
    ? ` · ${status.pending} change${status.pending === 1 ? '' : 's'} waiting to sync`
    : '';
  if (status.phase === 'syncing') return <p class="meta sync">Syncing…{pending}</p>;
  if (status.lastError && status.phase !== 'idle') {
    // The engine's message already says that changes are kept when the server is unreachable.
    const hint =
      status.phase === 'unauthorized'
        ? ' Your access was revoked or expired: leave and join again with a new invite.'
        : '';
    return (
      <div class="sync sync-error" role="alert">
        <p class="meta">
          Not synced: {status.lastError.message}
          {hint}
          {pending}
        </p>
        <button type="button" onClick={onRetry}>
          Retry sync
        </button>
      </div>
    );
  }
  return (
    <p class="meta sync">
      {status.lastSyncedAt ? `Synced ${ago(status.lastSyncedAt)}` : 'Not synced yet'}
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
  const one = count === 1;
  return (
    <div class="sync sync-error" role="alert">
      <p class="meta">
        The server refused {one ? 'a change' : `${count} changes`} ({reason}).{' '}
        {one ? 'It was' : 'They were'} not shared: what you see is what the server has (nothing, if
        it was deleted); make the change again if you still need it.
      </p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

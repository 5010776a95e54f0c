import type { ComponentChildren } from 'preact';

export type Status =
  | { tone: 'idle' }
  | { tone: 'busy'; text: string }
  | { tone: 'ok' | 'error'; text: string; actions?: ComponentChildren };

/** One place where outcomes are announced: polite for progress and success, assertive for errors. */
export function StatusMessage({ status }: { status: Status }) {
  if (status.tone === 'idle') return <div role="status" class="status" />;
  return (
    <div role={status.tone === 'error' ? 'alert' : 'status'} class={`status status-${status.tone}`}>
      <p>{status.text}</p>
      {'actions' in status && status.actions ? (
        <div class="status-actions">{status.actions}</div>
      ) : null}
    </div>
  );
}

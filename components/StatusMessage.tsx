import type { ComponentChildren } from 'preact';

/**
 * `notice`: nothing went wrong but there is something to know or choose ("already in this
 * repertoire"); `error`: something failed and the text says what to do next.
 */
export type Status =
  | { tone: 'idle' }
  | { tone: 'busy'; text: string }
  | { tone: 'ok' | 'notice' | 'error'; text: string; actions?: ComponentChildren };

/**
 * One place where outcomes are announced: polite (role=status) for progress, success and notices,
 * assertive (role=alert) only for errors.
 */
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

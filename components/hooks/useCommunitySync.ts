import { useCallback, useEffect, useRef } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import { useJoined } from './useJoined';

/**
 * The shown community's sync status, pushed by the background, and syncing it: when the popup
 * opens or the community changes (what others shared is pulled, then shown), and on Retry.
 * `onSynced` reads storage again after a sync this popup ran; `onSyncedElsewhere` hears of a
 * sync it did not run (another page's, the alarm, a live change), whose news it may offer rather
 * than show.
 */
export function useCommunitySync(
  community: string | null,
  shared: boolean,
  onSynced: () => Promise<void>,
  onSyncedElsewhere: () => Promise<void> = onSynced,
) {
  const [joined, setJoined] = useJoined();
  const sync = (shared && joined?.find((c) => c.community === community)) || null;

  // A sync the background ran on its own (a retry, the alarm) shows what it brought too; one
  // this popup ran has been shown by then (pull, below), and a first status is nothing new.
  const shownRef = useRef<{ community: string; at: number | null } | null>(null);
  const at = sync?.status.lastSyncedAt ?? null;
  useEffect(() => {
    if (!sync) return;
    const seen = shownRef.current;
    shownRef.current = { community: sync.community, at };
    if (seen?.community === sync.community && seen.at !== at) void onSyncedElsewhere();
  }, [sync, at, onSyncedElsewhere]);

  /** Syncs `target` now; what it brought counts as seen (the caller shows it, or offers it). */
  const syncNow = useCallback(
    async (target: string) => {
      const views = await sendMessage('syncNow', { community: target }).catch(() => null);
      const view = views?.find((v) => v.community === target);
      if (view) shownRef.current = { community: target, at: view.status.lastSyncedAt };
      if (views) setJoined(views);
    },
    [setJoined],
  );
  const pull = useCallback(
    async (target: string) => {
      await syncNow(target);
      await onSynced();
    },
    [syncNow, onSynced],
  );
  /** A live change: synced now, what it brought offered rather than shown. */
  const pullLive = useCallback(
    async (target: string) => {
      await syncNow(target);
      await onSyncedElsewhere();
    },
    [syncNow, onSyncedElsewhere],
  );
  const pullRef = useRef(pull);
  useEffect(() => {
    pullRef.current = pull;
  }, [pull]);
  useEffect(() => {
    // On opening and on a change of community only, not each time what pull reads changes.
    if (community && shared) void pullRef.current(community);
  }, [community, shared]);

  const retry = () => community && void pull(community);
  const dismiss = () =>
    community && void sendMessage('dismissRefused', { community }).then(setJoined, () => undefined);
  return { sync, retry, dismiss, pullLive };
}

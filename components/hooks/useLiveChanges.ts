import { useEffect, useRef } from 'preact/hooks';
import { listMemberships, syncCursor, type RepertoireDb } from '@/lib/db';

/**
 * While this page is open, listens to the shared community's live stream (docs/sync-protocol.md,
 * "Live changes") and calls `onChange` on each change another member made. The service worker
 * never listens: with no page open, nothing is kept alive. The listener is loaded after the
 * first paint, and ends with the page or a change of community.
 */
export function useLiveChanges(
  db: RepertoireDb | undefined,
  /** The shared communities to listen to: the one a popup shows, or all the library lists. */
  communities: readonly string[],
  onChange: (community: string) => void,
) {
  const changeRef = useRef(onChange);
  useEffect(() => {
    changeRef.current = onChange;
  }, [onChange]);
  const key = communities.join('\n');
  useEffect(() => {
    if (!db || !key) return;
    const controller = new AbortController();
    void (async () => {
      const wanted = new Set(key.split('\n'));
      const memberships = (await listMemberships(db)).filter((m) => wanted.has(m.communityId));
      if (memberships.length === 0 || controller.signal.aborted) return;
      const { listenLive } = await import('@/lib/sync');
      await Promise.all(
        memberships.map((m) =>
          listenLive({
            serverUrl: m.serverUrl,
            communityId: m.communityId,
            token: m.token,
            cursor: () => syncCursor(db, m.communityId),
            onChange: () => changeRef.current(m.communityId),
            signal: controller.signal,
          }),
        ),
      );
    })();
    return () => controller.abort();
  }, [db, key]);
}

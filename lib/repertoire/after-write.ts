/**
 * What follows every write, in two parts. The search index takes it before whoever asked is
 * answered, so the popup finds the item as soon as it hears back. Open tabs' badges, panels and
 * highlights follow after the answer: a clip no longer waits on every tab (clip p50 103 -> 90 ms
 * in `npm run bench -- clip`). Tab refreshes never overlap, and one asked for while another runs
 * runs once after it, so the last write is always what the tabs show.
 */
export function afterWrites(
  drain: () => Promise<unknown>,
  refreshTabs: () => Promise<void>,
): { afterWrite: () => Promise<void>; refreshTabs: () => Promise<void> } {
  let tail: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    // A refresh that has not started yet reads the stores when it does: it covers this call too.
    waiting ??= tail.then(() => {
      waiting = undefined;
      return refreshTabs();
    });
    tail = waiting.catch(() => undefined);
    return waiting;
  };
  return {
    async afterWrite() {
      await drain();
      void refresh();
    },
    refreshTabs: refresh,
  };
}

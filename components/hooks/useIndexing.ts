import { useEffect, useRef, useState } from 'preact/hooks';
import { subscribe, type IndexingProgress } from '@/lib/messaging';

/**
 * Fewer items than this index in a moment (a clip, a small sync): no progress line for them,
 * it would only flash.
 */
const SHOWN_FROM = 1_000;

/**
 * How far the background's indexing has got, as it pushes it; null when nothing waits, or too
 * little to show. `onIndexed` runs after each batch of a long run, so that a search finds what
 * is already indexed while the rest still is.
 */
export function useIndexing(onIndexed: () => Promise<unknown>): IndexingProgress | null {
  const [progress, setProgress] = useState<IndexingProgress | null>(null);
  const onIndexedRef = useRef(onIndexed);
  useEffect(() => {
    onIndexedRef.current = onIndexed;
  }, [onIndexed]);
  useEffect(() => {
    let last: IndexingProgress | null = null;
    return subscribe('indexing', (now) => {
      const before = last;
      last = now;
      setProgress(now);
      // A batch of a long run done: what it indexed is searchable now. A short run (a clip, a
      // small sync) is followed by the popup's own reload, as before there were runs.
      if (before && now && now.total >= SHOWN_FROM && now.indexed > before.indexed) {
        void onIndexedRef.current();
      }
    });
  }, []);
  return progress && progress.total >= SHOWN_FROM ? progress : null;
}

import { useEffect, useState } from 'preact/hooks';
import { getItemMeta, type RepertoireDb } from '@/lib/db';
import type { PathItem } from '@/lib/wire';

/**
 * Who wrote other versions of a path's steps at the same time, waiting for a curator's choice.
 * Read again whenever the path is (a save, a sync).
 */
export function useStepConflicts(db: RepertoireDb | undefined, path: PathItem | null | undefined) {
  const [by, setBy] = useState<string[]>([]);
  useEffect(() => {
    if (!db || !path) return setBy([]);
    let live = true;
    void getItemMeta(db, path.id).then((meta) => {
      const authors = (meta?.conflicts ?? [])
        .filter((c) => c.field === 'steps')
        .map((c) => c.author);
      if (live) setBy([...new Set(authors)]);
    });
    return () => {
      live = false;
    };
  }, [db, path]);
  return by;
}

import { useEffect, useState } from 'preact/hooks';
import type { RepertoireDb } from '@/lib/db';
import { askablePage } from '@/lib/related-tabs';

/** Whether the popup's page is a web page no tip applies to ("Ask about this page"). */
export function usePageWithoutTips(
  db: RepertoireDb | undefined,
  url: string | null,
  generation: number,
): boolean {
  const [askable, setAskable] = useState(false);
  useEffect(() => {
    if (!db) return;
    let live = true;
    // An unreadable index offers nothing: better than offering it on a page with tips.
    void askablePage(db, url)
      .catch(() => false)
      .then((yes) => {
        if (live) setAskable(yes);
      });
    return () => {
      live = false;
    };
  }, [db, url, generation]);
  return askable;
}

import { useCallback } from 'preact/hooks';
import { reviewOrder, reviewState, stateLines } from '@/lib/community';
import { communitySettings, tipsWithMarks, type RepertoireDb } from '@/lib/db';
import { communityNow, panelShownCounts } from '@/lib/repertoire';
import type { ReviewEntry } from '../ReviewList';
import type { Navigation } from './useNavigation';

/**
 * The Review list: the community's tips due for review or flagged, those this browser showed
 * most in the panel first (the counts are local and never leave it).
 */
export function useReviewList(
  db: RepertoireDb | undefined,
  community: string | null,
  nav: Navigation,
) {
  const { go, setView } = nav;
  return useCallback(async () => {
    if (!db || !community) return;
    go({ name: 'review', tips: null });
    const [tips, settings, now, shown] = await Promise.all([
      tipsWithMarks(db, community),
      communitySettings(db, community),
      communityNow(),
      panelShownCounts.getValue(),
    ]);
    const entries = tips.map(({ tip, marks }) => {
      const state = reviewState(tip, marks, settings, now);
      return { id: tip.id, title: tip.title, state, lines: stateLines(state, marks, now) };
    });
    const list: ReviewEntry[] = reviewOrder(entries, shown);
    setView((current) => (current.name === 'review' ? { name: 'review', tips: list } : current));
  }, [db, community, go, setView]);
}

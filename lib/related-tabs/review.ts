/**
 * What the panel says of each tip's currency (docs/community.md) and the local count of how
 * often it showed each tip. The state is computed with the community's settings as last pulled
 * and the community clock; only shared tips carry it: Personal tips are nobody's to review.
 */
import { reviewState, stateLines } from '../community';
import {
  communitySettings,
  getItemMeta,
  getItems,
  listMemberships,
  type RepertoireDb,
} from '../db';
import type { PanelTip } from '../messaging';
import { communityNow, panelShownCounts } from '../repertoire';

export async function withReview(db: RepertoireDb, tips: PanelTip[]): Promise<PanelTip[]> {
  if (tips.length === 0) return tips;
  const [items, joined, now] = await Promise.all([
    getItems(
      db,
      tips.map((t) => t.id),
    ),
    listMemberships(db),
    communityNow(),
  ]);
  const shared = new Set(joined.map((m) => m.communityId));
  return Promise.all(
    tips.map(async (tip, i) => {
      const item = items[i];
      if (item?.kind !== 'tip' || !shared.has(item.community)) return tip;
      const [meta, settings] = await Promise.all([
        getItemMeta(db, item.id),
        communitySettings(db, item.community),
      ]);
      const marks = meta?.marks ?? [];
      const state = reviewState(item, marks, settings, now);
      return { ...tip, review: { lines: stateLines(state, marks, now), due: state.due } };
    }),
  );
}

// Writes one after the other, so two tabs showing tips at once both count.
let counting = Promise.resolve();

/** Counts one showing of each tip; a count that cannot be written is only a lost hint. */
export function countShown(tips: readonly PanelTip[]): Promise<void> {
  counting = counting
    .then(async () => {
      const counts = { ...(await panelShownCounts.getValue()) };
      for (const tip of tips) counts[tip.id] = (counts[tip.id] ?? 0) + 1;
      await panelShownCounts.setValue(counts);
    })
    .catch(() => {});
  return counting;
}

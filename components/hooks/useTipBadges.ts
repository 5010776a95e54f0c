import { useEffect, useState } from 'preact/hooks';
import { reviewState, tipBadge } from '@/lib/community';
import {
  communitySettings,
  getItemMeta,
  getItems,
  listMemberships,
  type RepertoireDb,
} from '@/lib/db';
import { communityNow } from '@/lib/repertoire';
import type { Entry } from '../ResultList';

const NONE: ReadonlyMap<string, string> = new Map();

/**
 * A state badge for each shared tip among the results shown ("Due for review", "Needs an
 * update", "Retired"): read after the results paint, for the few results on screen.
 */
export function useTipBadges(db: RepertoireDb | undefined, entries: readonly Entry[]) {
  const [badges, setBadges] = useState(NONE);
  const ids = entries
    .filter((e) => e.kind === 'tip')
    .map((e) => e.id)
    .join(' ');
  useEffect(() => {
    if (!db || !ids) return setBadges(NONE);
    let live = true;
    void (async () => {
      const list = ids.split(' ');
      const [items, joined, now] = await Promise.all([
        getItems(db, list),
        listMemberships(db),
        communityNow(),
      ]);
      const shared = new Set(joined.map((m) => m.communityId));
      const next = new Map<string, string>();
      for (const item of items) {
        if (item?.kind !== 'tip' || !shared.has(item.community)) continue;
        const [meta, settings] = await Promise.all([
          getItemMeta(db, item.id),
          communitySettings(db, item.community),
        ]);
        const badge = tipBadge(reviewState(item, meta?.marks ?? [], settings, now));
        if (badge) next.set(item.id, badge);
      }
      if (live) setBadges(next);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [db, ids]);
  return badges;
}

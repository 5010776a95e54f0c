import { useCallback, useEffect, useState } from 'preact/hooks';
import { stanceAgreement, type StanceAgreement } from '@/lib/community';
import {
  communitySettings,
  getItemMeta,
  itemsOfKinds,
  relatedStore,
  type RepertoireDb,
} from '@/lib/db';
import { PersistedRelated } from '@/lib/related';
import { communityNow } from '@/lib/repertoire';
import type { StanceItem } from '@/lib/wire';

export interface StanceEntry {
  stance: StanceItem;
  agreement: StanceAgreement;
}

/**
 * The community's stances, each read against its rule on the community's clock: the
 * community's own first, then the proposed ones, newest first. Null while read.
 */
export function useStances(db: RepertoireDb | undefined, community: string | null) {
  const [stances, setStances] = useState<StanceEntry[] | null>(null);

  const load = useCallback(async () => {
    if (!db || !community) return;
    const [found, rule, now] = await Promise.all([
      // Listed in the related index's ps: record, so no other item is read.
      itemsOfKinds(db, new PersistedRelated(relatedStore(db)), community, ['stance']),
      communitySettings(db, community),
      communityNow(),
    ]);
    const entries = await Promise.all(
      found.map(async (stance) => {
        const marks = (await getItemMeta(db, stance.id))?.marks ?? [];
        return { stance, agreement: stanceAgreement(stance, marks, rule, now) };
      }),
    );
    entries.sort(
      (a, b) =>
        Number(b.agreement.agreed) - Number(a.agreement.agreed) ||
        b.stance.createdAt - a.stance.createdAt,
    );
    setStances(entries);
  }, [db, community]);

  useEffect(() => {
    void load();
  }, [load]);

  return stances;
}

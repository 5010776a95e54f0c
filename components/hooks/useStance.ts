import { useCallback, useEffect, useState } from 'preact/hooks';
import { agreementStatus, stanceAgreement, type StanceAgreement } from '@/lib/community';
import { communitySettings, getItemMeta, listMemberships, type RepertoireDb } from '@/lib/db';
import { sendMessage } from '@/lib/messaging';
import { communityNow } from '@/lib/repertoire';
import type { Mark, StanceItem } from '@/lib/wire';

export interface StanceState {
  agreement: StanceAgreement;
  /** Whether it is the community's yet, and what is missing if not. */
  status: string;
  agreeing: Mark[];
  objecting: Mark[];
  /** The member's own standing mark: agree, object, or none. */
  mine: 'agree' | 'object' | null;
}

/** A stance's marks read against the community's rule on the community's clock, and marking it. */
export function useStance(db: RepertoireDb | undefined, stance: StanceItem) {
  const [state, setState] = useState<StanceState | null>(null);

  const load = useCallback(async () => {
    if (!db) return;
    const [meta, rule, now, memberships] = await Promise.all([
      getItemMeta(db, stance.id),
      communitySettings(db, stance.community),
      communityNow(),
      listMemberships(db),
    ]);
    const marks = meta?.marks ?? [];
    const me = memberships.find((m) => m.communityId === stance.community)?.memberId;
    const standing = (kind: Mark['kind']) => marks.filter((m) => m.kind === kind && m.on);
    const agreement = stanceAgreement(stance, marks, rule, now);
    const mineOf = (kind: 'agree' | 'object') => standing(kind).some((m) => m.memberId === me);
    setState({
      agreement,
      status: agreementStatus(agreement, rule, now),
      agreeing: standing('agree'),
      objecting: standing('object'),
      mine: mineOf('agree') ? 'agree' : mineOf('object') ? 'object' : null,
    });
  }, [db, stance]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Agree or object (taking back the other), or take one's mark back; a sentence on failure. */
  const mark = useCallback(
    async (kind: 'agree' | 'object', on: boolean, note?: string): Promise<string | null> => {
      const send = (mark: 'agree' | 'object', value: boolean, text?: string) =>
        sendMessage('mark', {
          itemId: stance.id,
          mark,
          on: value,
          ...(text ? { note: text } : {}),
        }).catch((e: unknown) => ({ ok: false as const, message: String((e as Error).message) }));
      const other = kind === 'agree' ? 'object' : 'agree';
      if (on && state?.mine === other) {
        const back = await send(other, false);
        if (!back.ok) return back.message;
      }
      const result = await send(kind, on, on ? note : undefined);
      await load();
      return result.ok ? null : result.message;
    },
    [stance.id, state, load],
  );

  return { state, mark };
}

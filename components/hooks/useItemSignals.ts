import { useCallback, useEffect, useState } from 'preact/hooks';
import { reviewState, type ReviewState } from '@/lib/community';
import { communitySettings, type ItemMeta, type RepertoireDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import { communityNow, helpedItems, type Viewer } from '@/lib/repertoire';
import {
  type CommunitySettings,
  DEFAULT_SETTINGS,
  type Item,
  type Mark,
  type MarkKind,
} from '@/lib/wire';

interface Options {
  db: RepertoireDb | undefined;
  item: Item | null;
  meta: ItemMeta | undefined;
  /** The member looking: their membership of a shared community, or 'local'. */
  viewer: Viewer | 'local' | undefined;
  /** Whether Retire and Restore are offered (author or steward, lib/repertoire/permissions). */
  canRetire: boolean;
  /** Reads the item again once the background stored a change. */
  reload: () => Promise<void>;
}

export interface ItemSignals {
  item: Item;
  shared: boolean;
  /** Every member's marks, with the member's own unsaved ones on top. */
  marks: Mark[];
  /** The member's own standing mark of a kind. */
  mine: (kind: MarkKind) => Mark | undefined;
  /** A tip's currency, for a shared tip. */
  review: ReviewState | null;
  now: number;
  canRetire: boolean;
  error: string | null;
  notice: string | null;
  /** Resolves true once stored, false when refused (the refusal is in `error`). */
  mark: (kind: MarkKind, on: boolean, note?: string) => Promise<boolean>;
  retire: (retired: boolean) => Promise<void>;
}

type Pending = Partial<Record<MarkKind, { on: boolean; note?: string }>>;

/**
 * The signals of the open item: every member's marks, the member's own shown at once and kept
 * until the background answers, and a tip's review state with the community's settings and
 * clock. A Personal item has only a local "Helped me", kept in this browser.
 */
export function useItemSignals({
  db,
  item,
  meta,
  viewer,
  canRetire,
  reload,
}: Options): ItemSignals | null {
  const [settings, setSettings] = useState<CommunitySettings>(DEFAULT_SETTINGS);
  const [now, setNow] = useState(() => Date.now());
  const [localHelped, setLocalHelped] = useState(false);
  const [pending, setPending] = useState<Pending>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const id = item?.id;
  const community = item?.community;

  useEffect(() => {
    setPending({});
    setError(null);
    setNotice(null);
    if (!db || !id || !community) return;
    let live = true;
    void Promise.all([communitySettings(db, community), communityNow(), helpedItems.getValue()])
      .then(([s, clock, helped]) => {
        if (!live) return;
        setSettings(s);
        setNow(clock);
        setLocalHelped(helped.includes(id));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [db, id, community]);

  const shared = viewer !== undefined && viewer !== 'local';

  const mark = useCallback(
    async (kind: MarkKind, on: boolean, note?: string) => {
      if (!id) return false;
      setError(null);
      setNotice(null);
      setPending((p) => ({ ...p, [kind]: { on, note } }));
      const unpend = () =>
        setPending((p) => {
          const next = { ...p };
          delete next[kind];
          return next;
        });
      try {
        const answer = await sendMessage('mark', { itemId: id, mark: kind, on, note });
        if (!answer.ok) {
          unpend();
          setError(answer.message);
          return false;
        }
        if (kind === 'helped') setLocalHelped(on);
        await reload();
        unpend();
        return true;
      } catch (e) {
        unpend();
        setError(t('popup_notSavedError', { error: e instanceof Error ? e.message : String(e) }));
        return false;
      }
    },
    [id, reload],
  );

  const retire = useCallback(
    async (retired: boolean) => {
      if (!id) return;
      setError(null);
      setNotice(null);
      try {
        const answer = await sendMessage('retireTip', { id, retired });
        if (!answer.ok) return setError(answer.message);
        await reload();
        setNotice(retired ? t('popup_retiredNotice') : t('popup_restoredNotice'));
      } catch (e) {
        setError(t('popup_notSavedError', { error: e instanceof Error ? e.message : String(e) }));
      }
    },
    [id, reload],
  );

  if (!item) return null;
  const marks = shared
    ? withPending(meta?.marks ?? [], pending, viewer, now)
    : localMarks(localHelped, pending);
  const memberId = shared ? viewer.memberId : LOCAL;
  const mine = (kind: MarkKind) =>
    marks.find((m) => m.kind === kind && m.memberId === memberId && m.on);
  const review = shared && item.kind === 'tip' ? reviewState(item, marks, settings, now) : null;
  return { item, shared, marks, mine, review, now, canRetire, error, notice, mark, retire };
}

const LOCAL = 'this-browser';

/** The member's own marks put on the others', as the server will most likely record them. */
function withPending(marks: readonly Mark[], pending: Pending, viewer: Viewer, now: number) {
  let out = [...marks];
  for (const [kind, p] of Object.entries(pending) as [MarkKind, Pending[MarkKind]][]) {
    if (!p) continue;
    out = out.filter((m) => !(m.kind === kind && m.memberId === viewer.memberId));
    out.push({
      kind,
      on: p.on,
      memberId: viewer.memberId,
      name: viewer.displayName,
      team: null,
      at: now * 1000,
      markedAt: now,
      ...(p.note === undefined ? {} : { note: p.note }),
    });
  }
  return out;
}

/** A Personal item's only signal: this browser's "Helped me". */
function localMarks(helped: boolean, pending: Pending): Mark[] {
  const on = pending.helped?.on ?? helped;
  return on
    ? [
        {
          kind: 'helped',
          on,
          memberId: LOCAL,
          name: t('popup_you'),
          team: null,
          at: 0,
          markedAt: 0,
        },
      ]
    : [];
}

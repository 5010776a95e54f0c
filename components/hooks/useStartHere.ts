import { useCallback, useEffect, useState } from 'preact/hooks';
import { startHereOpen, startHerePath, type PathProgress } from '@/lib/community';
import {
  communitySettings,
  getItems,
  itemsOfKinds,
  listMemberships,
  relatedStore,
  type RepertoireDb,
} from '@/lib/db';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import { PersistedRelated } from '@/lib/related';
import { startHereProgress, withStepDone } from '@/lib/repertoire';
import { type Item, mayCurate, type PathItem, type PathStep } from '@/lib/wire';

export interface StartHere {
  /** Undefined while reading; null when the community has no Start here path. */
  path: PathItem | null | undefined;
  /** The steps' items, by id (a step whose item is gone has none). */
  items: ReadonlyMap<string, Item>;
  progress: PathProgress | undefined;
  /** Still offered to this member: not finished, not dismissed. */
  open: boolean;
  /** May this member change the steps (the community's settings say who curates). */
  curator: boolean;
  setDone(itemId: string, done: boolean): Promise<void>;
  dismiss(): Promise<void>;
  /** Reads it again (after a sync). */
  refresh(): Promise<void>;
  /** Writes the steps whole; resolves with a sentence when the background refused them. */
  save(steps: PathStep[]): Promise<string | null>;
}

/** The community's Start here path, the member's private progress on it, and curating it. */
export function useStartHere(db: RepertoireDb | undefined, community: string | null): StartHere {
  const [path, setPath] = useState<PathItem | null | undefined>(undefined);
  const [items, setItems] = useState<ReadonlyMap<string, Item>>(new Map());
  const [progress, setProgress] = useState<Record<string, PathProgress>>({});
  const [curator, setCurator] = useState(false);

  const load = useCallback(async () => {
    if (!db || !community) return;
    const [paths, memberships, settings, stored] = await Promise.all([
      // Listed in the related index: the popup's first paint reads no other item.
      itemsOfKinds(db, new PersistedRelated(relatedStore(db)), community, ['path']),
      listMemberships(db),
      communitySettings(db, community),
      startHereProgress.getValue(),
    ]);
    const found = startHerePath(paths) ?? null;
    const ids = found?.steps.map((s) => s.itemId) ?? [];
    const stepItems = await getItems(db, ids);
    const membership = memberships.find((m) => m.communityId === community);
    setItems(new Map(stepItems.flatMap((item) => (item ? [[item.id, item] as const] : []))));
    setProgress(stored);
    setCurator(membership ? mayCurate(membership, settings) : false);
    setPath(found);
  }, [db, community]);

  useEffect(() => {
    void load();
  }, [load]);

  const setDone = useCallback(
    async (itemId: string, done: boolean) => {
      if (!path) return;
      const next = withStepDone(await startHereProgress.getValue(), path.id, itemId, done);
      await startHereProgress.setValue(next);
      setProgress(next);
    },
    [path],
  );

  const dismiss = useCallback(async () => {
    if (!path) return;
    const all = await startHereProgress.getValue();
    const next = { ...all, [path.id]: { done: all[path.id]?.done ?? [], dismissed: true } };
    await startHereProgress.setValue(next);
    setProgress(next);
  }, [path]);

  const save = useCallback(
    async (steps: PathStep[]) => {
      if (!community) return t('community_chooseCommunity');
      const result = await sendMessage('savePath', {
        community,
        pathId: path?.id ?? null,
        steps,
      }).catch((e: unknown) => ({ ok: false as const, message: String((e as Error).message) }));
      if (!result.ok) return result.message;
      await load();
      return null;
    },
    [community, path, load],
  );

  const mine = path ? progress[path.id] : undefined;
  return {
    path,
    items,
    progress: mine,
    open: path ? startHereOpen(path, mine) : false,
    curator,
    refresh: load,
    setDone,
    dismiss,
    save,
  };
}

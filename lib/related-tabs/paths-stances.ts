/**
 * The panel's community lines for a page: the newcomer's "Start here · step 3 of 8" and the
 * community's stance on the page's tool. Matched here, locally, like the tips: no visited URL
 * leaves the browser. Paths and stances are few and listed in the related index (`ps:` keys),
 * so only they are read, not every item; read once and kept until a write.
 */
import {
  communityStanceLine,
  stanceAgreement,
  startHereOpen,
  startHerePath,
  stepLine,
  stepOnPage,
  subjectName,
} from '../community';
import {
  communitySettings,
  getItemMeta,
  itemsOfKinds,
  listMemberships,
  type RepertoireDb,
} from '../db';
import type { PanelPathStep, PanelStance, PanelTip } from '../messaging';
import { appliesToUrl, type PersistedRelated } from '../related';
import {
  communityNow,
  relatedOffCommunities,
  startHereProgress,
  startHereVisits,
} from '../repertoire';
import type { Item, PathItem, StanceItem } from '../wire';

export interface CommunityLines {
  /** What the panel adds to a page's tips; nothing when no path or stance applies. */
  linesFor(
    url: string,
    tips: readonly PanelTip[],
    tabId: number,
  ): Promise<{ pathStep?: PanelPathStep; stances?: PanelStance[] }>;
  /**
   * After a write the index has followed: paths and stances are read again at the next page (a
   * read still under way is dropped too, so what it saw before the write is not kept).
   */
  forget(items: readonly Item[], removedIds: readonly string[]): void;
}

interface Kept {
  community: string;
  paths: PathItem[];
  stances: StanceItem[];
}

/** `index` is the background's, once built: an index stored by an older release lists none. */
export function communityLines(
  db: () => Promise<RepertoireDb>,
  index: Promise<PersistedRelated>,
): CommunityLines {
  let kept: Promise<Kept[]> | undefined;
  const read = async (): Promise<Kept[]> => {
    const [handle, related] = [await db(), await index];
    const communities = (await listMemberships(handle)).map((m) => m.communityId);
    return Promise.all(
      communities.map(async (community) => {
        const items = await itemsOfKinds(handle, related, community, ['path', 'stance']);
        return {
          community,
          paths: items.filter((i) => i.kind === 'path'),
          stances: items.filter((i) => i.kind === 'stance'),
        };
      }),
    );
  };

  async function pathStep(
    all: Kept[],
    tips: readonly PanelTip[],
    tabId: number,
  ): Promise<PanelPathStep | undefined> {
    const progress = await startHereProgress.getValue();
    const matched = new Set(tips.map((t) => t.id));
    for (const { paths } of all) {
      const path = startHerePath(paths);
      if (!path || !startHereOpen(path, progress[path.id])) continue;
      const step = stepOnPage(path, matched);
      if (!step) continue;
      const visits = await startHereVisits.getValue();
      const firstTab = visits[step.itemId];
      if (firstTab === undefined)
        await startHereVisits.setValue({ ...visits, [step.itemId]: tabId });
      else if (firstTab !== tabId) continue;
      const tip = tips.find((t) => t.id === step.itemId);
      return {
        line: stepLine(step),
        note: step.note,
        title: tip?.title ?? '',
        author: tip?.author ?? null,
      };
    }
    return undefined;
  }

  async function stances(all: Kept[], url: string): Promise<PanelStance[]> {
    const [handle, now, off] = [
      await db(),
      await communityNow(),
      await relatedOffCommunities.getValue(),
    ];
    const found: PanelStance[] = [];
    for (const { community, stances: list } of all) {
      if (off.includes(community)) continue;
      const here = list.filter((s) => appliesToUrl(s.subject, url));
      if (here.length === 0) continue;
      const rule = await communitySettings(handle, community);
      for (const stance of here) {
        const marks = (await getItemMeta(handle, stance.id))?.marks ?? [];
        const agreement = stanceAgreement(stance, marks, rule, now);
        if (!agreement.agreed) continue;
        found.push({
          id: stance.id,
          line: communityStanceLine(stance.position, agreement),
          subject: subjectName(stance.subject),
        });
      }
    }
    return found;
  }

  return {
    async linesFor(url, tips, tabId) {
      kept ??= read();
      const all = await kept;
      if (all.length === 0) return {};
      const [step, agreed] = [await pathStep(all, tips, tabId), await stances(all, url)];
      return { ...(step ? { pathStep: step } : {}), ...(agreed.length ? { stances: agreed } : {}) };
    },
    forget(items, removedIds) {
      // Marks on a stance come as a write of it too, so agreement is read fresh each page anyway.
      if (removedIds.length > 0 || items.some((i) => i.kind === 'path' || i.kind === 'stance'))
        kept = undefined;
    },
  };
}

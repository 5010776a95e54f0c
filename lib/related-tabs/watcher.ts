/**
 * Related tips on the pages a member visits. On every navigation of a tab — loads, SPA history
 * changes and hash routes all change the tab's URL — the URL is matched against the in-memory
 * RelatedIndex, locally: no visited URL leaves the browser. The badge shows the count; on a page
 * with matches, and only there, the panel script is injected and sent the tips as text.
 *
 * The extension sees a tab's URL only where it has host access, which the member grants per site
 * when saving a tip (see origins.ts); everywhere else nothing runs at all.
 */
import { browser } from 'wxt/browser';
import { getItems, rebuildRelated, relatedStore, type RepertoireDb } from '../db';
import { markdownTree } from '../markdown';
import { sendToTab, type PanelClip, type PanelTip, type TabProtocol } from '../messaging';
import { BADGE } from '../ui';
import { badgeText } from './badge';
import { PersistedRelated, whyShown, type MatchFilter, type RelatedHit } from '../related';
import { questionsHere, unannouncedAnswers } from './questions';
import {
  announcedAnswers,
  helpedItems,
  mutedItems,
  mutedSites,
  relatedMode,
  relatedOffCommunities,
} from '../repertoire';
import type { Item } from '../wire';
import { toolbarButton } from './toolbar-button';
import { countShown, withReview } from './review';
import { communityLines } from './paths-stances';

const PANEL_SCRIPT = '/related-panel.js';

export interface RelatedWatcher {
  /** Follows writes: changed items are matched anew, tombstones and removed ids drop out. */
  apply(items: readonly Item[], removedIds: readonly string[]): Promise<void>;
  /** Matches every open tab again (after a write, a mute or a settings change). */
  refreshAll(): Promise<void>;
  /** The community of an item, if it is stored. */
  communityOf(itemId: string): Promise<string | undefined>;
  /** What the panel would show on one URL: its related tips, and what was clipped from it. */
  relatedTo(url: string): Promise<Related>;
  /** The ids of the snippets clipped from the page at `url`, whatever is muted (highlights). */
  snippetsOn(url: string): Promise<string[]>;
}

type Related = TabProtocol['showRelated']['request'];
const NOTHING: Related = { tips: [], clips: [] };
const empty = (r: Related) =>
  r.tips.length === 0 &&
  r.clips.length === 0 &&
  !r.questions?.length &&
  !r.pathStep &&
  !r.stances?.length;

async function currentFilter(): Promise<MatchFilter> {
  const [sites, items, off] = await Promise.all([
    mutedSites.getValue(),
    mutedItems.getValue(),
    relatedOffCommunities.getValue(),
  ]);
  return {
    mutedHosts: new Set(sites),
    mutedItems: new Set(items),
    disabledCommunities: new Set(off),
  };
}

function toPanelTip({ entry, match }: RelatedHit, helped: ReadonlySet<string>): PanelTip {
  return {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    text: entry.text,
    ...(entry.kind === 'tip' ? { markdown: markdownTree(entry.text) } : {}),
    author: entry.author,
    why: whyShown(match.reason),
    helped: helped.has(entry.id),
  };
}

export function startRelatedWatcher(db: () => Promise<RepertoireDb>): RelatedWatcher {
  // The index is persisted (lib/related/persisted.ts): a navigation reads the few records its URL
  // looks up, so a service worker that just started answers at once however much is stored. Only
  // a layout from another release is rebuilt first; navigations meanwhile wait for it.
  const related = db().then(async (handle) => {
    const index = new PersistedRelated(relatedStore(handle));
    if (await index.needsBuild()) {
      await rebuildRelated(handle);
      index.reset();
    }
    return index;
  });
  const lines = communityLines(db, related);

  async function relatedTo(url: string): Promise<Related> {
    const [index, filter, helped] = await Promise.all([
      related,
      currentFilter(),
      helpedItems.getValue(),
    ]);
    const helpedSet = new Set(helped);
    const tips: PanelTip[] = [];
    const clips: PanelClip[] = [];
    const hits = await index.match(url, filter);
    // Pages and snippets match only the page they were clipped from: that page is in the
    // repertoire, which is not a tip about it.
    for (const hit of hits) {
      const { entry } = hit;
      if (entry.kind === 'tip') tips.push(toPanelTip(hit, helpedSet));
      else if (entry.kind === 'page' || entry.kind === 'snippet') {
        const { id, kind, title, author, createdAt } = entry;
        clips.push({ id, kind, title, author, createdAt });
      }
    }
    return {
      tips: await withReview(await db(), tips),
      clips,
      questions: await questionsHere(await db(), hits),
    };
  }

  // Whether an answer to the member's questions waits to be announced: the badge says "!" until
  // the popup has told them. Read again after writes and once announced.
  let answered: Promise<boolean> | null = null;
  const answerWaits = () =>
    (answered ??= related
      .then(async (index) => (await unannouncedAnswers(await db(), index)).length > 0)
      .catch(() => false));

  /** The URL each tab last counted its tips for: a page shown again (a re-render) counts once. */
  const counted = new Map<number, string>();

  async function update(tabId: number, url: string | undefined) {
    const mode = await relatedMode.getValue();
    const found = url && mode !== 'off' ? await relatedTo(url) : NOTHING;
    // The badge counts tips only: a clip of this page is not advice about it.
    const count = found.tips.length;
    const notice = await answerWaits();
    try {
      await showBadge(tabId, badgeText(count, notice));
    } catch (error) {
      // A tab closed while it was matched has nothing left to show; anything else is a bug.
      if (await tabClosed(tabId)) return;
      throw error;
    }
    const shown =
      url && mode === 'panel'
        ? { ...found, ...(await lines.linesFor(url, found.tips, tabId)) }
        : NOTHING;
    await showPanel(tabId, shown);
    if (mode === 'panel' && count && url && counted.get(tabId) !== url) {
      counted.set(tabId, url);
      await countShown(found.tips);
    }
  }

  async function showBadge(tabId: number, text: string) {
    const button = toolbarButton();
    await button.setBadgeText({ tabId, text });
    if (text) {
      await button.setBadgeBackgroundColor({ tabId, color: BADGE.background });
      // Chrome 110+ and Firefox; without it the browser picks black or white by itself.
      await button.setBadgeTextColor?.({ tabId, color: BADGE.text });
    }
  }

  const tabClosed = (tabId: number) =>
    browser.tabs.get(tabId).then(
      () => false,
      () => true,
    );

  async function showPanel(tabId: number, found: Related) {
    // A panel already in the page (an SPA route change) takes the new list, or removes itself.
    const delivered = await sendToTab(tabId, 'showRelated', found).then(
      () => true,
      () => false,
    );
    if (delivered || empty(found)) return;
    try {
      await browser.scripting.executeScript({ target: { tabId }, files: [PANEL_SCRIPT] });
      await sendToTab(tabId, 'showRelated', found);
    } catch {
      // The page went away or cannot be scripted; the badge still says what there is.
    }
  }

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'complete') void update(tabId, tab.url);
  });

  // A setting changed anywhere (the options page, the panel's Mute) reaches open tabs at once:
  // their badges and panels follow without waiting for the next navigation.
  const refreshAll = async () => {
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined && tab.url) await update(tab.id, tab.url);
    }
  };
  for (const setting of [relatedMode, mutedSites, mutedItems, relatedOffCommunities]) {
    setting.watch(() => void refreshAll());
  }
  announcedAnswers.watch(() => {
    answered = null;
    void refreshAll();
  });

  return {
    async apply(items, removedIds) {
      await (await related).apply(items, removedIds);
      // Paths and stances are read through the index: forgotten only once it has the write.
      lines.forget(items, removedIds);
      answered = null;
    },
    relatedTo,
    async snippetsOn(url) {
      const hits = await (await related).match(url);
      return hits.filter(({ entry }) => entry.kind === 'snippet').map(({ entry }) => entry.id);
    },
    async communityOf(itemId) {
      // The panel's items are in the index: no need to read the item, a page's article included.
      const entry = await (await related).entry(itemId);
      if (entry) return entry.community;
      const [item] = await getItems(await db(), [itemId]);
      return item?.community;
    },
    refreshAll,
  };
}

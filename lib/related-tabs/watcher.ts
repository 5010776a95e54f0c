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
import { allLiveItems, getItems, type RepertoireDb } from '../db';
import type { PanelTip, PanelUpdate } from '../messaging/contract';
import { RelatedIndex, whyShown, type Match, type MatchFilter } from '../related';
import {
  helpedItems,
  mutedItems,
  mutedSites,
  relatedMode,
  relatedOffCommunities,
} from '../repertoire/settings';
import type { Item } from '../wire/schemas';

const PANEL_SCRIPT = '/related-panel.js';
const TIP_TEXT_CHARS = 600;

export interface RelatedWatcher {
  /** Follows writes: changed items are matched anew, tombstones and removed ids drop out. */
  apply(items: readonly Item[], removedIds: readonly string[]): void;
  /** Matches every open tab again (after a write, a mute or a settings change). */
  refreshAll(): Promise<void>;
  /** The community of an item, if it is stored. */
  communityOf(itemId: string): Promise<string | undefined>;
  /** The related tips of one URL, as the panel would list them. */
  tipsFor(url: string): Promise<PanelTip[]>;
}

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

function bodyText(item: Item): string {
  const text =
    item.kind === 'tip' ? item.body : item.kind === 'snippet' ? item.quote : (item.excerpt ?? '');
  return text.length > TIP_TEXT_CHARS ? `${text.slice(0, TIP_TEXT_CHARS)}…` : text;
}

function toPanelTip(item: Item, match: Match, helped: ReadonlySet<string>): PanelTip {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    text: bodyText(item),
    author: item.author,
    why: whyShown(match.reason),
    helped: helped.has(item.id),
  };
}

export function startRelatedWatcher(db: () => Promise<RepertoireDb>): RelatedWatcher {
  const index = new RelatedIndex();
  // Built once per service-worker start; navigations wait for it rather than miss tips.
  const loaded = db().then(async (handle) => index.upsert(await allLiveItems(handle)));

  async function tipsFor(url: string): Promise<PanelTip[]> {
    await loaded;
    const matches = index.match(url, await currentFilter());
    if (matches.length === 0) return [];
    const [items, helped] = await Promise.all([
      getItems(
        await db(),
        matches.map((m) => m.itemId),
      ),
      helpedItems.getValue(),
    ]);
    const helpedSet = new Set(helped);
    return matches.flatMap((m, i) => {
      const item = items[i];
      return item && item.deletedAt === null ? [toPanelTip(item, m, helpedSet)] : [];
    });
  }

  async function update(tabId: number, url: string | undefined) {
    const mode = await relatedMode.getValue();
    const tips = url && mode !== 'off' ? await tipsFor(url) : [];
    await browser.action.setBadgeText({ tabId, text: tips.length ? String(tips.length) : '' });
    if (tips.length) await browser.action.setBadgeBackgroundColor({ tabId, color: '#1d4ed8' });
    await showPanel(tabId, mode === 'panel' ? tips : []);
  }

  async function showPanel(tabId: number, tips: PanelTip[]) {
    const message: PanelUpdate = { repertoirePanel: { tips } };
    // A panel already in the page (an SPA route change) takes the new list, or removes itself.
    const delivered = await browser.tabs.sendMessage(tabId, message).then(
      () => true,
      () => false,
    );
    if (delivered || tips.length === 0) return;
    try {
      await browser.scripting.executeScript({ target: { tabId }, files: [PANEL_SCRIPT] });
      await browser.tabs.sendMessage(tabId, message);
    } catch {
      // The page went away or cannot be scripted; the badge still says what there is.
    }
  }

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url !== undefined || change.status === 'complete') void update(tabId, tab.url);
  });

  return {
    apply(items, removedIds) {
      index.upsert(items);
      index.remove(removedIds);
    },
    tipsFor,
    async communityOf(itemId) {
      const [item] = await getItems(await db(), [itemId]);
      return item?.community;
    },
    async refreshAll() {
      for (const tab of await browser.tabs.query({})) {
        if (tab.id !== undefined && tab.url) await update(tab.id, tab.url);
      }
    },
  };
}

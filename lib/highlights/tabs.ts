/**
 * The background's side of highlights: on a page that snippets were clipped from, and only there,
 * with the member's site access to it and the setting on, the highlight script is injected and
 * sent the snippets as text (lib/highlights/page.ts anchors and highlights them). Elsewhere nothing
 * is injected. Open tabs follow writes and the setting: turning it off takes highlights out.
 */
import { browser } from 'wxt/browser';
import { getItems, listCommunities, type RepertoireDb } from '../db';
import { sendToTab, type PageSnippet } from '../messaging';
import { highlightsOn } from '../repertoire';
import type { Item, SnippetItem } from '../wire';

const SCRIPT = '/highlights.js';

export interface HighlightTabs {
  /** Highlights the snippets of the page a tab shows now (none: takes any out). */
  update(tabId: number, url: string | undefined): Promise<void>;
  /** Every open tab again (after a write or a change of the setting). */
  refreshAll(): Promise<void>;
}

/**
 * `snippetsOn` names the snippets clipped from a URL (the related index, matched as clips are:
 * lib/related-tabs); `css` is the highlights' stylesheet, inserted as a user sheet.
 */
export function startHighlightTabs(options: {
  db: () => Promise<RepertoireDb>;
  snippetsOn: (url: string) => Promise<string[]>;
  css: string;
}): HighlightTabs {
  const { db, snippetsOn, css } = options;

  async function snippetsFor(url: string): Promise<PageSnippet[]> {
    const ids = await snippetsOn(url);
    if (ids.length === 0) return [];
    const handle = await db();
    const [items, communities] = await Promise.all([
      getItems(handle, ids),
      listCommunities(handle),
    ]);
    const names = new Map(communities.map((c) => [c.id, c.name]));
    return items.filter(isLiveSnippet).map((item) => ({
      id: item.id,
      selectors: item.selectors,
      title: item.title,
      note: item.note ?? '',
      author: item.author,
      community: names.get(item.community) ?? item.community,
      createdAt: item.createdAt,
    }));
  }

  async function update(tabId: number, url: string | undefined) {
    const snippets = url && (await highlightsOn.getValue()) ? await snippetsFor(url) : [];
    // A script already in the page takes the new list, or takes its highlights out.
    const delivered = await sendToTab(tabId, 'showHighlights', { snippets }).then(
      () => true,
      () => false,
    );
    if (delivered || snippets.length === 0 || !url || !(await hasSiteAccess(url))) return;
    try {
      // A user sheet: page styles, even !important ones, do not override it.
      await browser.scripting.insertCSS({ target: { tabId }, css, origin: 'USER' });
      await browser.scripting.executeScript({ target: { tabId }, files: [SCRIPT] });
      await sendToTab(tabId, 'showHighlights', { snippets });
    } catch {
      // The page went away or cannot be scripted: nothing to highlight.
    }
  }

  async function refreshAll() {
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined && tab.url) await update(tab.id, tab.url).catch(() => undefined);
    }
  }

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    // Once the page is loaded (and on a single-page app's route change).
    if (change.status === 'complete' || (change.url !== undefined && tab.status === 'complete'))
      void update(tabId, tab.url).catch(() => undefined);
  });
  highlightsOn.watch(() => void refreshAll());
  return { update, refreshAll };
}

const isLiveSnippet = (item: Item | undefined): item is SnippetItem =>
  item?.kind === 'snippet' && item.deletedAt === null;

/** Whether the member granted Repertoire access to the page's site (match patterns have no port). */
export async function hasSiteAccess(url: string): Promise<boolean> {
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
  return browser.permissions
    .contains({ origins: [`${page.protocol}//${page.hostname}/*`] })
    .catch(() => false);
}

/**
 * The address-bar keyword (`rp`): live suggestions from the same search as the popup, Enter opens
 * the item. Suggestions only read the local index; what is typed never leaves the browser.
 */
import { browser } from 'wxt/browser';
import type { SearchResult } from '../search';
import type { Indexer } from './indexing';
import { currentCommunity } from './settings';

const ITEM_PREFIX = 'item:';
const SUGGESTIONS = 6;

/** The page that shows one item: the popup, opened as a tab on that item. */
export const itemPageUrl = (id: string) =>
  browser.runtime.getURL(`/popup.html?item=${encodeURIComponent(id)}`);

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Chrome's suggestions are XML with <match> for highlights; Firefox's are plain text. */
export function describe(result: SearchResult, xml: boolean): string {
  const kind = result.kind === 'tip' ? 'Tip' : result.kind === 'snippet' ? 'Snippet' : 'Page';
  if (!xml) return `${result.title} — ${kind}`;
  let out = '';
  let at = 0;
  for (const [start, end] of result.highlights.title) {
    out += `${escapeXml(result.title.slice(at, start))}<match>${escapeXml(result.title.slice(start, end))}</match>`;
    at = end;
  }
  out += escapeXml(result.title.slice(at));
  return `${out} <dim>— ${kind}</dim>`;
}

export function registerOmnibox(indexer: Promise<Indexer>): void {
  const xml = !import.meta.env.FIREFOX;
  const find = async (text: string, limit: number) =>
    (await indexer).search(text.slice(0, 200), {
      filters: { community: await currentCommunity.getValue() },
      limit,
    });

  browser.omnibox.setDefaultSuggestion({ description: 'Search your repertoire' });
  browser.omnibox.onInputChanged.addListener((text, suggest) => {
    void find(text, SUGGESTIONS).then((results) =>
      suggest(
        results.map((r) => ({ content: `${ITEM_PREFIX}${r.id}`, description: describe(r, xml) })),
      ),
    );
  });
  browser.omnibox.onInputEntered.addListener((text, disposition) => {
    void (async () => {
      const id = text.startsWith(ITEM_PREFIX)
        ? text.slice(ITEM_PREFIX.length)
        : (await find(text, 1))[0]?.id;
      const url = id
        ? itemPageUrl(id)
        : browser.runtime.getURL(`/popup.html?q=${encodeURIComponent(text)}`);
      if (disposition === 'currentTab') await browser.tabs.update({ url });
      else await browser.tabs.create({ url, active: disposition === 'newForegroundTab' });
    })();
  });
}

/**
 * The address-bar keyword (`rp`): live suggestions from the same search as the popup, Enter opens
 * the item. Suggestions only read the local index; what is typed never leaves the browser.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { SearchResult } from '../search';
import { libraryUrl } from '../ui';
import type { Indexer } from './indexing';
import { currentCommunity } from './settings';

const SUGGESTIONS = 6;

/** Characters XML 1.0 cannot hold even escaped: one of them makes Chrome drop the suggestion. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Chrome's suggestions are XML with <match> for highlights; Firefox's are plain text. */
export function describe(result: SearchResult, xml: boolean): string {
  const kind = t(
    result.kind === 'tip'
      ? 'background_omniboxTip'
      : result.kind === 'snippet'
        ? 'background_omniboxSnippet'
        : 'background_omniboxPage',
  );
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

  // Chrome puts a suggestion's `content` in the address bar when it is highlighted, so it is the
  // title a member can read; this maps the latest suggestions back to their items.
  let offered = new Map<string, string>();

  browser.omnibox.setDefaultSuggestion({ description: t('background_omniboxDefault') });
  browser.omnibox.onInputChanged.addListener((text, suggest) => {
    void find(text, SUGGESTIONS).then(
      (results) => {
        offered = new Map();
        const suggestions = results.map((r) => {
          let content = r.title || t('background_omniboxUntitled');
          for (let n = 2; offered.has(content) || content === text; n++)
            content = `${r.title} (${n})`;
          offered.set(content, r.id);
          return { content, description: describe(r, xml) };
        });
        browser.omnibox.setDefaultSuggestion({ description: t('background_omniboxDefault') });
        suggest(suggestions);
      },
      () => {
        browser.omnibox.setDefaultSuggestion({
          description: t('background_omniboxFailed'),
        });
        suggest([]);
      },
    );
  });
  browser.omnibox.onInputEntered.addListener((text, disposition) => {
    void (async () => {
      const id = offered.get(text) ?? (await find(text, 1).catch(() => []))[0]?.id;
      // The library page, on the item or, when nothing matched, on the search.
      const url = libraryUrl(id ? { item: id } : { q: text });
      if (disposition === 'currentTab') await browser.tabs.update({ url });
      else await browser.tabs.create({ url, active: disposition === 'newForegroundTab' });
    })();
  });
}

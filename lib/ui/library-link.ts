import { browser } from 'wxt/browser';

/**
 * The library page (entrypoints/library): every item, or one item (`item`), or a search (`q`).
 * The omnibox, the popup and the options page open it.
 */
export function libraryUrl(open: { item?: string; q?: string } = {}): string {
  const params = new URLSearchParams();
  if (open.item) params.set('item', open.item);
  if (open.q) params.set('q', open.q);
  const query = params.toString();
  return browser.runtime.getURL(`/library.html${query ? `?${query}` : ''}`);
}

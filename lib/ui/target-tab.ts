import { browser } from 'wxt/browser';

export interface TargetTab {
  id: number;
  url: string | null;
  title: string;
}

/**
 * The tab the popup acts on: `?tab=<id>` when it is opened as a page (a detached window,
 * tests), else the active tab of the current window.
 */
export async function targetTab(search: string): Promise<TargetTab | null> {
  const param = new URLSearchParams(search).get('tab');
  try {
    const tab = param
      ? await browser.tabs.get(Number(param))
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
    if (tab?.id === undefined) return null;
    // Opened as a page of its own (an item from the address bar): there is no page to act on.
    if (tab.url?.startsWith(browser.runtime.getURL('/'))) return null;
    return { id: tab.id, url: tab.url ?? null, title: tab.title ?? '' };
  } catch {
    return null;
  }
}

/** The default "Applies to" line for a tip written on this tab: its host and path prefix. */
export function defaultAppliesTo(url: string | null): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : '';
  } catch {
    return '';
  }
}

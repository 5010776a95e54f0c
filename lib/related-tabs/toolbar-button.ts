import { browser } from 'wxt/browser';

/** What the related-tips badge needs of the toolbar button. */
export type ToolbarButton = Pick<
  typeof browser.action,
  'setBadgeText' | 'setBadgeBackgroundColor' | 'setBadgeTextColor'
>;

/**
 * The toolbar button: `action` in Manifest V3, `browserAction` in a V2 build (Firefox's, with
 * `--mv2`), where `action` is undefined. Read at each call so tests' fake browsers are seen.
 */
export function toolbarButton(): ToolbarButton {
  return browser.action ?? browser.browserAction;
}

/**
 * The welcome page's address, opened on install, from the popup's "Join your community", or for
 * an invite found in the tab (the invite rides in the fragment, which no server sees).
 */
import { browser } from 'wxt/browser';

export function welcomeUrl(invite?: string): string {
  return browser.runtime.getURL(
    `/welcome.html${invite === undefined ? '' : `#invite=${encodeURIComponent(invite)}`}`,
  );
}

/** The invite link a welcome page was opened for, if any. */
export function inviteFromFragment(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('invite');
  return value === null ? null : value;
}

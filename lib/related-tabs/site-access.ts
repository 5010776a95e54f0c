import { browser } from 'wxt/browser';
import { originsFor } from './origins';

/**
 * The one place the extension's pages ask for host access to the sites tips name, so their
 * panels can show there. Browsers only show the prompt during a user gesture: call these in the
 * click. Resolve to whether access is granted (true when nothing is needed).
 */
export function requestOrigins(origins: readonly string[]): Promise<boolean> {
  if (origins.length === 0) return Promise.resolve(true);
  return browser.permissions.request({ origins: [...origins] }).catch(() => false);
}

/** Access to the sites a tip names, as typed in the tip form (one pattern per line). */
export function requestSiteAccess(appliesTo: string): Promise<boolean> {
  return requestOrigins(
    originsFor(
      appliesTo
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  );
}

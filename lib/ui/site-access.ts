import { browser } from 'wxt/browser';
import { originsFor } from '../related-tabs/origins';

/**
 * Asks for access to these origin patterns. Must be called in the member's click: browsers only
 * show the prompt during a user gesture. Resolves to whether access is granted.
 */
export function requestOrigins(origins: readonly string[]): Promise<boolean> {
  if (origins.length === 0) return Promise.resolve(true);
  return browser.permissions.request({ origins: [...origins] }).catch(() => false);
}

/**
 * Asks for access to the sites a tip names, so its panel can show there; called in the click
 * that saves the tip. Resolves to whether access is granted (true when nothing is needed).
 */
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

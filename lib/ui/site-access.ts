import { browser } from 'wxt/browser';
import { originsFor } from '../related-tabs/origins';

/**
 * Asks for access to the sites a tip names, so its panel can show there. Must be called in the
 * click that saves the tip: browsers only show the prompt during a user gesture. Resolves to
 * whether access is granted (true when nothing is needed).
 */
export function requestSiteAccess(appliesTo: string): Promise<boolean> {
  const origins = originsFor(
    appliesTo
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  if (origins.length === 0) return Promise.resolve(true);
  return browser.permissions.request({ origins }).catch(() => false);
}

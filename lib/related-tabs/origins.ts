import { browser } from 'wxt/browser';
import { relatedStore, type RepertoireDb } from '../db';
import { parseAppliesTo, PersistedRelated, type UrlPattern } from '../related';

/**
 * The host permissions a tip's "Applies to" needs for its panel to show: one origin pattern per
 * host it names, never all sites. Requested when the member saves the tip.
 */
export function originsFor(appliesTo: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const entry of appliesTo) {
    const parsed = parseAppliesTo(entry);
    if (!parsed.ok) continue;
    const patterns: readonly UrlPattern[] =
      parsed.target.kind === 'tool' ? parsed.target.patterns : [parsed.target.pattern];
    for (const p of patterns) origins.add(`${p.scheme}://${p.subdomains ? '*.' : ''}${p.host}/*`);
  }
  return [...origins].sort();
}

/** The origins every stored tip names; the related index holds them, articles not read. */
export async function tipOrigins(db: RepertoireDb): Promise<string[]> {
  const tips = await new PersistedRelated(relatedStore(db)).tips();
  return originsFor(tips.flatMap((t) => (t.kind === 'tip' ? t.appliesTo : [])));
}

/**
 * The origins that tips matching this page name and that cover it: what showing them here
 * needs. Reads only the index records the URL looks up, as a navigation does.
 */
export async function originsForPage(db: RepertoireDb, url: string): Promise<string[]> {
  const none = new Set<string>();
  const hits = await new PersistedRelated(relatedStore(db)).match(url, {
    mutedHosts: none,
    mutedItems: none,
    disabledCommunities: none,
  });
  const named = hits.flatMap(({ entry }) => (entry.kind === 'tip' ? entry.appliesTo : []));
  return originsFor(named).filter((o) => coversUrl(o, url));
}

/** Those of `origins` Repertoire has no access to yet. */
export async function withoutAccess(origins: readonly string[]): Promise<string[]> {
  const granted = await Promise.all(
    origins.map((o) => browser.permissions.contains({ origins: [o] }).catch(() => false)),
  );
  return origins.filter((_, i) => !granted[i]);
}

/** Whether an origin pattern (`https://*.atlassian.net/*`) covers the page at `url`. */
export function coversUrl(origin: string, url: string): boolean {
  const pattern = /^(\*|https?):\/\/(\*\.)?([^/]+)\/\*$/.exec(origin);
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  if (!pattern) return false;
  const [, scheme, any, host] = pattern;
  const schemeOk =
    scheme === '*' ? /^https?:$/.test(page.protocol) : page.protocol === `${scheme}:`;
  const hostOk =
    page.hostname === host || (any !== undefined && page.hostname.endsWith(`.${host}`));
  return schemeOk && hostOk;
}

/** How the member reads an origin pattern: `*.atlassian.net`. */
export const siteName = (origin: string): string =>
  origin.replace(/^[^:]+:\/\//, '').replace(/\/\*$/, '');

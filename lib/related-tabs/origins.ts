import { parseAppliesTo, type UrlPattern } from '../related';

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

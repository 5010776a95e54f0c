/**
 * The obvious matcher: every rule of every item checked against the URL. Not used by the
 * extension; it is the reference that tests compare the index with, and the baseline the
 * benchmark measures the index against.
 */
import type { Item } from '../wire';
import { patternMatches } from './patterns';
import { better, newestFirst, switchedOff } from './matcher';
import { rulesOf, type ItemRules, type Match, type MatchFilter, type MatchReason } from './rules';
import { isMutedHost, readVisit } from './visit';

export class LinearScan {
  private readonly rules: ItemRules[];

  constructor(items: Iterable<Item>) {
    this.rules = [...items].map((item) => rulesOf(item));
  }

  match(url: string, filter: MatchFilter = {}): Match[] {
    const visit = readVisit(url);
    if (!visit || (filter.mutedHosts && isMutedHost(visit.host, filter.mutedHosts))) return [];
    const found = new Map<ItemRules, MatchReason>();
    const add = (item: ItemRules, reason: MatchReason) => {
      const seen = found.get(item);
      if (!seen || better(reason, seen)) found.set(item, reason);
    };
    for (const item of this.rules) {
      for (const { pattern, reason } of item.patterns) {
        if (patternMatches(pattern, visit)) add(item, reason);
      }
      for (const { key, reason } of item.pageKeys) {
        if (key === visit.pageKey) add(item, reason);
      }
    }
    return [...found]
      .filter(([item]) => !switchedOff(filter, item.itemId, item.community))
      .sort(([a], [b]) => newestFirst(a.createdAt, a.itemId, b.createdAt, b.itemId))
      .map(([{ itemId }, reason]) => ({ itemId, reason }));
  }
}

/**
 * The obvious matcher: every rule of every item checked against the URL. Not used by the
 * extension; it is the reference that tests compare the index with, and the baseline the
 * benchmark measures the index against.
 */
import type { Item } from '../wire/schemas';
import { patternMatches } from './patterns';
import {
  better,
  finish,
  rulesOf,
  type Hit,
  type ItemRules,
  type Match,
  type MatchFilter,
  type MatchReason,
} from './rules';
import { isMutedHost, readVisit } from './visit';

export class LinearScan {
  private readonly rules: ItemRules[];

  constructor(items: Iterable<Item>) {
    this.rules = [...items].map(rulesOf);
  }

  match(url: string, filter: MatchFilter = {}): Match[] {
    const visit = readVisit(url);
    if (!visit || (filter.mutedHosts && isMutedHost(visit.host, filter.mutedHosts))) return [];
    const found = new Map<string, Hit>();
    const add = (itemId: string, community: string, reason: MatchReason) => {
      const seen = found.get(itemId);
      if (!seen || better(reason, seen.reason)) found.set(itemId, { itemId, community, reason });
    };
    for (const { itemId, community, patterns, pageKeys } of this.rules) {
      for (const { pattern, reason } of patterns) {
        if (patternMatches(pattern, visit)) add(itemId, community, reason);
      }
      for (const { key, reason } of pageKeys) {
        if (key === visit.pageKey) add(itemId, community, reason);
      }
    }
    return finish([...found.values()], filter);
  }
}

/**
 * The in-memory index the background consults on every navigation. A URL's candidates are found
 * by host — one map for exact hosts, one for `*.` wildcards probed with each of the host's label
 * suffixes — so the work per navigation depends on how many patterns name that site, not on how
 * many tips exist. Identical patterns (however spelt) are stored once with all their items, so
 * 3,000 tips on Jira cost one path check, not 3,000.
 */
import type { Item } from '../wire/schemas';
import { matchesBeyondHost, type UrlPattern } from './patterns';
import {
  better,
  MatchCollector,
  rulesOf,
  type Match,
  type MatchFilter,
  type MatchReason,
  type Rejected,
} from './rules';
import { isMutedHost, readVisit, type Visit } from './visit';

interface Member {
  community: string;
  reason: MatchReason;
}

interface Group {
  pattern: UrlPattern;
  members: Map<string, Member>;
}

interface Indexed {
  groups: Group[];
  pageKeys: string[];
  rejected: Rejected[];
}

export class RelatedIndex {
  private readonly exactHosts = new Map<string, Group[]>();
  private readonly wildcardHosts = new Map<string, Group[]>();
  private readonly groups = new Map<string, Group>();
  private readonly pages = new Map<string, Map<string, Member>>();
  private readonly items = new Map<string, Indexed>();

  constructor(items: Iterable<Item> = []) {
    this.upsert(items);
  }

  /** Number of items that can match something. */
  get size(): number {
    return this.items.size;
  }

  /** Adds or replaces items; a deleted item (tombstone) is removed. */
  upsert(items: Iterable<Item>): void {
    for (const item of items) {
      this.removeOne(item.id);
      const rules = rulesOf(item);
      const indexed: Indexed = { groups: [], pageKeys: [], rejected: rules.rejected };
      for (const { pattern, reason } of rules.patterns) {
        const group = this.groupFor(pattern);
        const seen = group.members.get(item.id);
        if (seen === undefined) indexed.groups.push(group);
        if (seen === undefined || better(reason, seen.reason)) {
          group.members.set(item.id, { community: item.community, reason });
        }
      }
      for (const { key, reason } of rules.pageKeys) {
        let members = this.pages.get(key);
        if (!members) this.pages.set(key, (members = new Map()));
        members.set(item.id, { community: item.community, reason });
        indexed.pageKeys.push(key);
      }
      if (indexed.groups.length + indexed.pageKeys.length + indexed.rejected.length > 0) {
        this.items.set(item.id, indexed);
      }
    }
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) this.removeOne(id);
  }

  /** Entries skipped because they do not parse, for showing on the tips that hold them. */
  rejected(): Rejected[] {
    return [...this.items.values()].flatMap((i) => i.rejected);
  }

  /** Pure: call it again with the new URL on every SPA route or hash change. Never throws. */
  match(url: string, filter: MatchFilter = {}): Match[] {
    const visit = readVisit(url);
    if (!visit || (filter.mutedHosts && isMutedHost(visit.host, filter.mutedHosts))) return [];
    const found = new MatchCollector(filter);
    collect(this.exactHosts.get(visit.host), visit, found);
    for (let h = visit.host; ;) {
      collect(this.wildcardHosts.get(h), visit, found);
      const dot = h.indexOf('.');
      if (dot < 0) break;
      h = h.slice(dot + 1);
    }
    const page = this.pages.get(visit.pageKey);
    if (page) for (const [id, m] of page) found.add(id, m.community, m.reason);
    return found.results();
  }

  private groupFor(pattern: UrlPattern): Group {
    let group = this.groups.get(pattern.key);
    if (!group) {
      group = { pattern, members: new Map() };
      this.groups.set(pattern.key, group);
      const byHost = pattern.subdomains ? this.wildcardHosts : this.exactHosts;
      const bucket = byHost.get(pattern.host);
      if (bucket) bucket.push(group);
      else byHost.set(pattern.host, [group]);
    }
    return group;
  }

  private removeOne(id: string): void {
    const indexed = this.items.get(id);
    if (!indexed) return;
    this.items.delete(id);
    for (const group of indexed.groups) {
      group.members.delete(id);
      if (group.members.size > 0) continue;
      this.groups.delete(group.pattern.key);
      const byHost = group.pattern.subdomains ? this.wildcardHosts : this.exactHosts;
      const rest = (byHost.get(group.pattern.host) ?? []).filter((g) => g !== group);
      if (rest.length > 0) byHost.set(group.pattern.host, rest);
      else byHost.delete(group.pattern.host);
    }
    for (const key of indexed.pageKeys) {
      const members = this.pages.get(key);
      members?.delete(id);
      if (members?.size === 0) this.pages.delete(key);
    }
  }
}

function collect(groups: Group[] | undefined, visit: Visit, found: MatchCollector): void {
  if (!groups) return;
  for (const { pattern, members } of groups) {
    if (!matchesBeyondHost(pattern, visit)) continue;
    for (const [id, m] of members) found.add(id, m.community, m.reason);
  }
}

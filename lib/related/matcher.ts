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
  finish,
  rulesOf,
  type Hit,
  type Match,
  type MatchFilter,
  type MatchReason,
  type Rejected,
} from './rules';
import { isMutedHost, readVisit, type Visit } from './visit';

/**
 * One per indexed item, shared by all the places it is listed, so a match can tell "already
 * found" with a field compare instead of a map. `seen` is the number of the last match() that
 * reached it; match() runs to completion synchronously, so this scratch state never leaks.
 */
interface Entry extends Hit {
  seen: number;
}

interface Member {
  entry: Entry;
  reason: MatchReason;
}

interface Group {
  pattern: UrlPattern;
  members: Member[];
}

interface Indexed {
  entry: Entry;
  groups: Group[];
  pageKeys: string[];
  rejected: Rejected[];
}

export class RelatedIndex {
  private readonly exactHosts = new Map<string, Group[]>();
  private readonly wildcardHosts = new Map<string, Group[]>();
  private readonly groups = new Map<string, Group>();
  private readonly pages = new Map<string, Member[]>();
  private readonly items = new Map<string, Indexed>();
  private matches = 0;

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
      const first = rules.patterns[0] ?? rules.pageKeys[0];
      if (!first && rules.rejected.length === 0) continue;
      const entry: Entry = {
        itemId: item.id,
        community: item.community,
        reason: first?.reason ?? { kind: 'pattern', pattern: '' },
        seen: 0,
      };
      const indexed: Indexed = { entry, groups: [], pageKeys: [], rejected: rules.rejected };
      const mine = new Map<Group, Member>();
      for (const { pattern, reason } of rules.patterns) {
        const group = this.groupFor(pattern);
        const member = mine.get(group);
        if (member) {
          if (better(reason, member.reason)) member.reason = reason;
          continue;
        }
        const added = { entry, reason };
        mine.set(group, added);
        group.members.push(added);
        indexed.groups.push(group);
      }
      for (const { key, reason } of rules.pageKeys) {
        const members = this.pages.get(key);
        if (members) members.push({ entry, reason });
        else this.pages.set(key, [{ entry, reason }]);
        indexed.pageKeys.push(key);
      }
      this.items.set(item.id, indexed);
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
    const run = ++this.matches;
    const hits: Entry[] = [];
    collect(this.exactHosts.get(visit.host), visit, run, hits);
    for (let h = visit.host; ;) {
      collect(this.wildcardHosts.get(h), visit, run, hits);
      const dot = h.indexOf('.');
      if (dot < 0) break;
      h = h.slice(dot + 1);
    }
    const page = this.pages.get(visit.pageKey);
    if (page) take(page, run, hits);
    return finish(hits, filter);
  }

  private groupFor(pattern: UrlPattern): Group {
    let group = this.groups.get(pattern.key);
    if (!group) {
      group = { pattern, members: [] };
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
    const { entry } = indexed;
    for (const group of indexed.groups) {
      group.members = group.members.filter((m) => m.entry !== entry);
      if (group.members.length > 0) continue;
      this.groups.delete(group.pattern.key);
      const byHost = group.pattern.subdomains ? this.wildcardHosts : this.exactHosts;
      const rest = (byHost.get(group.pattern.host) ?? []).filter((g) => g !== group);
      if (rest.length > 0) byHost.set(group.pattern.host, rest);
      else byHost.delete(group.pattern.host);
    }
    for (const key of indexed.pageKeys) {
      const rest = (this.pages.get(key) ?? []).filter((m) => m.entry !== entry);
      if (rest.length > 0) this.pages.set(key, rest);
      else this.pages.delete(key);
    }
  }
}

function collect(groups: Group[] | undefined, visit: Visit, run: number, hits: Entry[]): void {
  if (!groups) return;
  for (const group of groups) {
    if (matchesBeyondHost(group.pattern, visit)) take(group.members, run, hits);
  }
}

function take(members: readonly Member[], run: number, hits: Entry[]): void {
  for (const { entry, reason } of members) {
    if (entry.seen !== run) {
      entry.seen = run;
      entry.reason = reason;
      hits.push(entry);
    } else if (better(reason, entry.reason)) {
      entry.reason = reason;
    }
  }
}

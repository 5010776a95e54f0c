/**
 * The in-memory index the background consults on every navigation. A URL's candidates are found
 * by host — one map for exact hosts, one for `*.` wildcards probed with each of the host's label
 * suffixes — then, within a host, down a tree of the path segments patterns spell out, so 800
 * `github.com/<org>/*` patterns cost a few lookups, not 800 path checks. The work per navigation
 * depends on how many patterns could match that page, not on how many tips exist. Identical
 * patterns (however spelt) are stored once with all their items, so 3,000 tips on Jira cost one
 * path check, not 3,000.
 */
import { parseAppliesTo, type AppliesToResult } from './applies-to';
import { matchesBeyondHost, type UrlPattern } from './patterns';
import {
  rulesOf,
  type Match,
  type MatchFilter,
  type MatchReason,
  type Rejected,
  type RelatedSource,
} from './rules';
import { isMutedHost, readVisit, segmentsOf, type Visit } from './visit';

/** Items listed under a pattern or a page, by slot, with the reason each one is listed for. */
interface Members {
  slots: number[];
  reasons: MatchReason[];
}

interface Group extends Members {
  pattern: UrlPattern;
  node: PathNode;
}

/**
 * One host's patterns, by the path segments they spell out before any `*`: `github.com/acme/*`
 * sits at acme, `jira.corp/secure/*.jspa` at secure, `/*` at the root. Every URL a pattern
 * matches passes through its node, so a URL need only look at the nodes along its own path.
 */
interface PathNode {
  groups: Group[];
  children: Map<string, PathNode>;
  parent: PathNode | null;
  segment: string;
}

interface Indexed {
  slot: number;
  groups: Group[];
  pageKeys: string[];
  rejected: Rejected[];
}

const UNSET: MatchReason = { kind: 'pattern', pattern: '' };

export class RelatedIndex {
  private readonly exactHosts = new Map<string, PathNode>();
  private readonly wildcardHosts = new Map<string, PathNode>();
  private readonly groups = new Map<string, Group>();
  private readonly pages = new Map<string, Members>();
  private readonly items = new Map<string, Indexed>();

  // Per-item columns indexed by slot. A popular page matches hundreds of items; walking small
  // numbers and packed arrays instead of one object per item keeps that fast when the caches are
  // cold, as they are at each navigation. Slots of removed items are reused.
  private readonly ids: string[] = [];
  private readonly communities: string[] = [];
  private readonly created: number[] = [];
  /** Number of the last match() that reached the slot: "already found" without a set. */
  private readonly seen: number[] = [];
  /** The best reason found for the slot in that match(). */
  private readonly reasons: MatchReason[] = [];
  private readonly freeSlots: number[] = [];
  private matches = 0;

  constructor(items: Iterable<RelatedSource> = []) {
    this.upsert(items);
  }

  /** Number of items indexed: those with a pattern, tool, page URL or rejected entry. */
  get size(): number {
    return this.items.size;
  }

  /** Adds or replaces items; a deleted item (tombstone) is removed. */
  upsert(items: Iterable<RelatedSource>): void {
    // Tips share entries (`tool:jira`, the team's GitHub org): parse each text once per batch.
    // Kept for the batch only, so edited-away patterns are not remembered forever.
    const parsed = new Map<string, AppliesToResult>();
    const parse = (entry: string) => {
      let result = parsed.get(entry);
      if (!result) parsed.set(entry, (result = parseAppliesTo(entry)));
      return result;
    };
    for (const item of items) {
      this.removeOne(item.id);
      const rules = rulesOf(item, parse);
      if (rules.patterns.length + rules.pageKeys.length + rules.rejected.length === 0) continue;
      const slot = this.freeSlots.pop() ?? this.ids.length;
      this.ids[slot] = item.id;
      this.communities[slot] = item.community;
      this.created[slot] = item.createdAt;
      this.seen[slot] = 0;
      // Overwritten by take() before match() reads it; written now to keep the column packed.
      this.reasons[slot] = UNSET;
      const indexed: Indexed = { slot, groups: [], pageKeys: [], rejected: rules.rejected };
      for (const { pattern, reason } of rules.patterns) {
        const group = this.groupFor(pattern);
        // Two entries of one tip can land in the same group (`tool:github` and `github.com`).
        const at = indexed.groups.includes(group) ? group.slots.lastIndexOf(slot) : -1;
        const listed = at < 0 ? undefined : group.reasons[at];
        if (listed === undefined) {
          group.slots.push(slot);
          group.reasons.push(reason);
          indexed.groups.push(group);
        } else if (better(reason, listed)) {
          group.reasons[at] = reason;
        }
      }
      for (const { key, reason } of rules.pageKeys) {
        let page = this.pages.get(key);
        if (!page) this.pages.set(key, (page = { slots: [], reasons: [] }));
        page.slots.push(slot);
        page.reasons.push(reason);
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
    const hits: number[] = [];
    this.collect(this.exactHosts.get(visit.host), visit, run, hits);
    for (let h = visit.host; ;) {
      this.collect(this.wildcardHosts.get(h), visit, run, hits);
      const dot = h.indexOf('.');
      if (dot < 0) break;
      h = h.slice(dot + 1);
    }
    const page = this.pages.get(visit.pageKey);
    if (page) this.take(page, run, hits);

    const { ids, communities, created, reasons } = this;
    const kept =
      filter.mutedItems || filter.disabledCommunities
        ? hits.filter((s) => !switchedOff(filter, ids[s] ?? '', communities[s] ?? ''))
        : hits;
    kept.sort((a, b) => newestFirst(created[a] ?? 0, ids[a] ?? '', created[b] ?? 0, ids[b] ?? ''));
    const out: Match[] = [];
    for (const s of kept) {
      const itemId = ids[s];
      const reason = reasons[s];
      if (itemId !== undefined && reason !== undefined) out.push({ itemId, reason });
    }
    return out;
  }

  private collect(root: PathNode | undefined, visit: Visit, run: number, hits: number[]): void {
    for (let node = root, depth = 0; node; depth++) {
      for (const group of node.groups) {
        if (matchesBeyondHost(group.pattern, visit)) this.take(group, run, hits);
      }
      const segment = visit.segments[depth];
      node = segment === undefined ? undefined : node.children.get(segment);
    }
  }

  private take({ slots, reasons }: Members, run: number, hits: number[]): void {
    const { seen } = this;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      const reason = reasons[i];
      if (slot === undefined || reason === undefined) continue;
      if (seen[slot] !== run) {
        seen[slot] = run;
        this.reasons[slot] = reason;
        hits.push(slot);
      } else if (better(reason, this.reasons[slot] ?? reason)) {
        this.reasons[slot] = reason;
      }
    }
  }

  private groupFor(pattern: UrlPattern): Group {
    const known = this.groups.get(pattern.key);
    if (known) return known;
    const byHost = pattern.subdomains ? this.wildcardHosts : this.exactHosts;
    let node: PathNode = byHost.get(pattern.host) ?? pathNode(null, '');
    byHost.set(pattern.host, node);
    for (const segment of literalSegments(pattern.path.text)) {
      const child: PathNode = node.children.get(segment) ?? pathNode(node, segment);
      node.children.set(segment, child);
      node = child;
    }
    const group: Group = { pattern, node, slots: [], reasons: [] };
    node.groups.push(group);
    this.groups.set(pattern.key, group);
    return group;
  }

  private removeOne(id: string): void {
    const indexed = this.items.get(id);
    if (!indexed) return;
    this.items.delete(id);
    const { slot } = indexed;
    this.freeSlots.push(slot);
    for (const group of indexed.groups) {
      unlist(group, slot);
      if (group.slots.length === 0) this.dropGroup(group);
    }
    for (const key of indexed.pageKeys) {
      const page = this.pages.get(key);
      if (page) unlist(page, slot);
      if (page?.slots.length === 0) this.pages.delete(key);
    }
  }

  private dropGroup(group: Group): void {
    const { pattern } = group;
    this.groups.delete(pattern.key);
    let node = group.node;
    node.groups = node.groups.filter((g) => g !== group);
    // Prune the branch back to the first node still in use; an empty root frees the host.
    while (node.groups.length === 0 && node.children.size === 0) {
      if (!node.parent) {
        (pattern.subdomains ? this.wildcardHosts : this.exactHosts).delete(pattern.host);
        break;
      }
      node.parent.children.delete(node.segment);
      node = node.parent;
    }
  }
}

function pathNode(parent: PathNode | null, segment: string): PathNode {
  return { groups: [], children: new Map(), parent, segment };
}

/** `/a/b/*` → `[a, b]`, `/a/b*` → `[a]`, `/a/b` → `[a, b]`, `/*` → `[]`. */
export function literalSegments(path: string): string[] {
  const star = path.indexOf('*');
  return segmentsOf(star < 0 ? path : path.slice(0, path.lastIndexOf('/', star)));
}

/** Removes a slot from a list by moving the last entry into its place: order does not matter. */
function unlist(members: Members, slot: number): void {
  const at = members.slots.indexOf(slot);
  if (at < 0) return;
  const lastSlot = members.slots.pop();
  const lastReason = members.reasons.pop();
  if (at < members.slots.length && lastSlot !== undefined && lastReason !== undefined) {
    members.slots[at] = lastSlot;
    members.reasons[at] = lastReason;
  }
}

// Match ranking and filtering, exported for the reference linear scan. They live here rather
// than in a module of their own because they run per hit on the navigation path, and some
// toolchains (tsx, used by the benchmark) turn every cross-module call into a getter call.
/**
 * When one item matches for several reasons, the most specific kind is shown; between two of one
 * kind (`*.x.org/*` and `x.org/*` both match x.org), the shorter text, then the first in text
 * order: the answer never depends on the order candidates were found in.
 */
const RANK: Record<MatchReason['kind'], number> = { 'same-page': 0, pattern: 1, tool: 2 };

export function better(a: MatchReason, b: MatchReason): boolean {
  if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] < RANK[b.kind];
  if (a.pattern.length !== b.pattern.length) return a.pattern.length < b.pattern.length;
  return a.pattern < b.pattern;
}

/** True when the filter hides this item. */
export function switchedOff(filter: MatchFilter, itemId: string, community: string): boolean {
  return !!(filter.mutedItems?.has(itemId) || filter.disabledCommunities?.has(community));
}

/** Sort order of matches: newest first, by createdAt, then by (UUIDv7, so time-ordered) id. */
export function newestFirst(aCreated: number, aId: string, bCreated: number, bId: string): number {
  return bCreated - aCreated || (aId < bId ? 1 : aId > bId ? -1 : 0);
}

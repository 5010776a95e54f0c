/**
 * What makes an item related to a URL, derived from the item alone: a tip's patterns and tools,
 * a clipped page's or snippet's own address. The index and the reference linear scan both start
 * from these rules, so they can only differ in how they find candidates.
 */
import { t } from '../i18n';
import type { ItemKind } from '../wire';
import { parseAppliesTo, toolPatterns, type AppliesToResult } from './applies-to';
import type { UrlPattern } from './patterns';
import { findTool } from './tools';
import { pageKey } from './visit';

/** Why an item is shown; `pattern` is what to display (the entry as typed, or the page's URL). */
export type MatchReason =
  | { kind: 'pattern'; pattern: string }
  | { kind: 'tool'; pattern: string; tool: string }
  | { kind: 'same-page'; pattern: string };

export interface Match {
  itemId: string;
  reason: MatchReason;
}

/** What the member switched off; every field is optional. */
export interface MatchFilter {
  /** Hosts as siteOf() gives them; muting a host mutes its subdomains too. */
  mutedHosts?: ReadonlySet<string>;
  mutedItems?: ReadonlySet<string>;
  disabledCommunities?: ReadonlySet<string>;
}

/** An appliesTo entry that was skipped, with the message the tip editor would have shown. */
export interface Rejected {
  itemId: string;
  entry: string;
  message: string;
}

export interface PatternRule {
  pattern: UrlPattern;
  reason: MatchReason;
}

export interface ItemRules {
  itemId: string;
  community: string;
  createdAt: number;
  patterns: PatternRule[];
  pageKeys: { key: string; reason: MatchReason }[];
  rejected: Rejected[];
}

/**
 * What matching reads of an item: every Item is one, and so is the compact entry the persisted
 * index keeps (entries.ts), which has no article body.
 */
export type RelatedSource = {
  id: string;
  community: string;
  createdAt: number;
  deletedAt: number | null;
} & (
  | { kind: 'tip'; appliesTo: readonly string[]; tool: string | null }
  // An open question is about what its asker chose, like a tip; a closed one matches nothing.
  | { kind: 'question'; appliesTo: readonly string[]; closedAt: number | null }
  | {
      kind: Exclude<ItemKind, 'tip' | 'question'>;
      url: string | null;
      canonicalUrl: string | null;
    }
);

/**
 * Deleted items have no rules. A tip's `tool` field counts only when its appliesTo is empty: a tip
 * labelled GitHub whose appliesTo says `github.com/our-org/*` is about that org, not all of GitHub.
 */
export function rulesOf(
  item: RelatedSource,
  parse: (entry: string) => AppliesToResult = parseAppliesTo,
): ItemRules {
  const rules: ItemRules = {
    itemId: item.id,
    community: item.community,
    createdAt: item.createdAt,
    patterns: [],
    pageKeys: [],
    rejected: [],
  };
  if (item.deletedAt !== null) return rules;
  if (item.kind === 'question' && item.closedAt !== null) return rules;
  if (item.kind !== 'tip' && item.kind !== 'question') {
    for (const url of new Set([item.url, item.canonicalUrl])) {
      const key = url === null ? null : pageKey(url);
      if (url !== null && key !== null && !rules.pageKeys.some((p) => p.key === key)) {
        rules.pageKeys.push({ key, reason: { kind: 'same-page', pattern: url } });
      }
    }
    return rules;
  }
  for (const entry of item.appliesTo) {
    const parsed = parse(entry);
    if (!parsed.ok) {
      rules.rejected.push({ itemId: item.id, entry, message: parsed.message });
    } else if (parsed.target.kind === 'pattern') {
      const { pattern } = parsed.target;
      rules.patterns.push({ pattern, reason: { kind: 'pattern', pattern: pattern.source } });
    } else {
      const { tool, patterns } = parsed.target;
      for (const pattern of patterns) {
        rules.patterns.push({
          pattern,
          reason: { kind: 'tool', pattern: pattern.source, tool: tool.id },
        });
      }
    }
  }
  const tool =
    item.kind === 'tip' && item.appliesTo.length === 0 && item.tool !== null
      ? findTool(item.tool)
      : undefined;
  if (tool) {
    for (const pattern of toolPatterns(tool)) {
      rules.patterns.push({
        pattern,
        reason: { kind: 'tool', pattern: pattern.source, tool: tool.id },
      });
    }
  }
  return rules;
}

/** "Why is this shown", as one line for the panel. */
export function whyShown(reason: MatchReason): string {
  switch (reason.kind) {
    case 'pattern':
      return t('background_whyPattern', { pattern: reason.pattern });
    case 'tool':
      return t('background_whyTool', {
        tool: findTool(reason.tool)?.name ?? reason.tool,
        pattern: reason.pattern,
      });
    case 'same-page':
      return t('background_whySamePage', { pattern: reason.pattern });
  }
}

import { findTool, TOOL_PREFIX } from '../related';
import { hostOf } from '../ui';
import type { Item, ItemKind } from '../wire';

/**
 * What the library keeps of an item: enough to list, filter and sort it, never its body. At 50k
 * items the bodies (article HTML, page text) would be hundreds of megabytes; an open item is read
 * again in full.
 */
export interface LibraryEntry {
  id: string;
  kind: ItemKind;
  community: string;
  title: string;
  /** The site it came from, as text (never a link). */
  site: string;
  tags: readonly string[];
  author: string | null;
  /** Tools a tip names: its `tool` field and `tool:` entries of its "Applies to", by name. */
  tools: readonly string[];
  createdAt: number;
  updatedAt: number;
}

function toolsOf(item: Item): string[] {
  if (item.kind !== 'tip') return [];
  const named = item.appliesTo
    .filter((entry) => entry.startsWith(TOOL_PREFIX))
    .map((entry) => {
      const id = entry.slice(TOOL_PREFIX.length);
      return findTool(id)?.name ?? id;
    });
  const tools = item.tool ? [findTool(item.tool)?.name ?? item.tool, ...named] : named;
  return [...new Set(tools)];
}

export function toEntry(item: Item): LibraryEntry {
  return {
    id: item.id,
    kind: item.kind,
    community: item.community,
    title: item.title,
    site: item.siteName ?? hostOf(item.url),
    tags: item.tags,
    author: item.author,
    tools: toolsOf(item),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

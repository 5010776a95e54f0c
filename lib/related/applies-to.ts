/**
 * One entry of a tip's `appliesTo`: either a URL pattern or `tool:<id>` for a catalog tool.
 * This is what the tip editor calls to refuse an entry while the member is still typing it.
 */
import { t } from '../i18n';
import { parsePattern, patternMatches, type UrlPattern } from './patterns';
import { readVisit } from './visit';
import { findTool, TOOLS, type Tool } from './tools';

export const TOOL_PREFIX = 'tool:';

export type AppliesTo =
  | { kind: 'pattern'; pattern: UrlPattern }
  | { kind: 'tool'; tool: Tool; patterns: readonly UrlPattern[] };

export type AppliesToResult = { ok: true; target: AppliesTo } | { ok: false; message: string };

export function parseAppliesTo(entry: string): AppliesToResult {
  const text = entry.trim();
  if (text.toLowerCase().startsWith(TOOL_PREFIX)) {
    const id = text.slice(TOOL_PREFIX.length).trim();
    const tool = findTool(id);
    if (!tool) {
      return {
        ok: false,
        message: t('background_unknownTool', {
          id,
          tools: TOOLS.map((tool) => tool.id).join(', '),
        }),
      };
    }
    return { ok: true, target: { kind: 'tool', tool, patterns: toolPatterns(tool) } };
  }
  const parsed = parsePattern(text);
  if (!parsed.ok) return parsed;
  // `jira` alone is almost always meant as the tool, not an intranet host called jira; an
  // intranet host can still be had by typing its scheme (`http://jira/`).
  const tool =
    parsed.pattern.host.includes('.') || text.includes('://') ? undefined : findTool(text);
  if (tool) {
    return {
      ok: false,
      message: `“${text}” looks like the name of ${tool.name}. Type ${TOOL_PREFIX}${tool.id} to match ${tool.name} wherever it is hosted, or the site's full address (like ${tool.id}.example.com).`,
    };
  }
  return { ok: true, target: { kind: 'pattern', pattern: parsed.pattern } };
}

const compiled = new Map<string, readonly UrlPattern[]>();

/** A tool's patterns, parsed once. The catalog's own tests prove every one of them parses. */
export function toolPatterns(tool: Tool): readonly UrlPattern[] {
  let patterns = compiled.get(tool.id);
  if (!patterns) {
    patterns = tool.patterns.flatMap((p) => {
      const r = parsePattern(p);
      return r.ok ? [r.pattern] : [];
    });
    compiled.set(tool.id, patterns);
  }
  return patterns;
}

/** Whether one "Applies to" entry (a pattern or `tool:<id>`) matches a visited URL. */
export function appliesToUrl(entry: string, url: string): boolean {
  const parsed = parseAppliesTo(entry);
  const visit = readVisit(url);
  if (!parsed.ok || !visit) return false;
  const patterns = parsed.target.kind === 'tool' ? parsed.target.patterns : [parsed.target.pattern];
  return patterns.some((p) => patternMatches(p, visit));
}

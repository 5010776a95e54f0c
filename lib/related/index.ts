/** Related items for the page a member is on: patterns, the tool catalog and the matcher. */
export { parseAppliesTo, TOOL_PREFIX } from './applies-to';
export type { AppliesTo, AppliesToResult } from './applies-to';
export { RelatedIndex } from './matcher';
export { parsePattern } from './patterns';
export type { PatternResult, UrlPattern } from './patterns';
export { whyShown } from './rules';
export type { Match, MatchFilter, MatchReason, Rejected } from './rules';
export { findTool, TOOLS } from './tools';
export type { Tool } from './tools';
export { siteOf } from './visit';

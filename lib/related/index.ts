/** Related items for the page a member is on: patterns, the tool catalog and the matcher. */
export { appliesToUrl, parseAppliesTo, TOOL_PREFIX } from './applies-to';
export type { AppliesTo, AppliesToResult } from './applies-to';
export { RelatedIndex } from './matcher';
export { parsePattern } from './patterns';
export type { PatternResult, UrlPattern } from './patterns';
export { whyShown } from './rules';
export type { Match, MatchFilter, MatchReason, Rejected, RelatedSource } from './rules';
export { findTool, TOOLS } from './tools';
export type { Tool } from './tools';
export { siteOf } from './visit';
export { candidateKeys, entryOf, ENTRY_TEXT_CHARS } from './entries';
export type { RelatedEntry } from './entries';
export { PersistedRelated, relatedRecords, RELATED_FORMAT } from './persisted';
export type { RelatedHit, RelatedRecord, RelatedStore } from './persisted';

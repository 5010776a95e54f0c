/**
 * Ranked full-text search over items, persisted in a SearchStore (engine.ts has how). The
 * background's indexer opens it to write (createSearchIndex, write.ts); pages that only search it
 * open it to read (openSearchIndex), without the writing half in their bundles.
 */
export {
  openSearchIndex,
  type SearchFilters,
  type SearchIndex,
  type SearchOptions,
  type SearchResult,
} from './engine';
export { highlight, type Range } from './highlight';
export { createMemoryStore, type SearchStore } from './store';
export { tokenize, type Token } from './tokenize';
export { createSearchIndex } from './write';

/**
 * Data that leaves and comes back (docs/portable.md): exports in the formats members' tools
 * read, and the parsers of other tools' files. Pure: the options page reads and writes files,
 * the background writes what an import brings.
 */
export type { ImportCandidate, ParsedImport } from './candidates';
export { annotatable, toWebAnnotations, type AnnotationCollection } from './annotations';
export { parseBookmarks } from './bookmarks';
export { parseHypothesis } from './hypothesis';
export { markdownFiles, markdownZip, type MarkdownFile } from './markdown';
export { isJsonExport, itemProblem, JSON_FORMAT, parseJsonExport, toJsonExport } from './json';

/**
 * Data that leaves and comes back (docs/portable.md): exports in the formats members' tools
 * read, and the parsers of other tools' files. Pure: the options page reads and writes files,
 * the background writes what an import brings.
 */
export type { ImportCandidate, ParsedImport } from './candidates';
export { annotatable, toWebAnnotations, type AnnotationCollection } from './annotations';
export { parseHypothesis } from './hypothesis';
export { isJsonExport, itemProblem, JSON_FORMAT, parseJsonExport, toJsonExport } from './json';

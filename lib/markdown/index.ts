/**
 * Tips are written in Markdown (marked; docs/markdown.md). Views get it rendered and sanitized
 * (renderMarkdown) or, in the in-page panel, as a tree of allowed elements (markdownTree).
 */
export { renderMarkdown } from './html';
export { markdownTree, type MarkdownNode, type MarkdownTag } from './tree';

/**
 * Anchoring: finding a snippet's quote in a page again from its W3C selectors
 * (TextQuoteSelector, with the TextPositionSelector as a hint, and a fuzzy fallback), in the
 * same text model capture uses, and highlighting it in the page. See docs/highlights.md.
 */
export { readPageText, type PageText } from './text';
export {
  ERROR_RATE,
  locateQuote,
  TextLocator,
  type AnchorKind,
  type Located,
  type QuoteSelector,
} from './locate';
export { anchorSnippet, PageAnchorer, type Anchored, type SnippetSelectors } from './anchor';
export { HIGHLIGHT_TAG, Highlighter, highlightsIn, SNIPPET_ATTRIBUTE } from './highlight';

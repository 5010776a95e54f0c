import { LIMITS } from '../wire';
import type { SelectionCaptureResult } from './types';
import { blockText } from './block-text';
import { canonicalUrlOf } from './page-url';

/**
 * Reads the member's selection with W3C Web Annotation selectors: the quote with its
 * surrounding text (TextQuoteSelector) and its offsets in the page text (TextPositionSelector),
 * so the snippet can be found again on the page. The quote itself keeps the selection's block
 * boundaries as line breaks (blockText), while the selectors hold the page's text as it is, which
 * is what finding it again compares. Huge selections are cut to LIMITS.quoteChars.
 */
export function captureSelection(doc: Document, url: string): SelectionCaptureResult {
  const selection = doc.getSelection();
  const body = doc.body;
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !body) {
    return { failure: 'empty-selection' };
  }
  const range = selection.getRangeAt(0);
  const whole = range.toString();
  if (whole.trim().length === 0) return { failure: 'empty-selection' };

  const before = doc.createRange();
  before.setStart(body, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const exact = whole.slice(0, LIMITS.quoteChars);
  const end = start + exact.length;
  const read = blockText(range);
  const quote = read.slice(0, LIMITS.quoteChars);
  const pageText = body.textContent ?? '';
  const context = LIMITS.contextChars;
  return {
    url,
    canonicalUrl: canonicalUrlOf(doc, url),
    sourceTitle: doc.title.trim() || url,
    quote,
    selectedChars: read.length,
    selectors: [
      {
        type: 'TextQuoteSelector',
        exact,
        prefix: pageText.slice(Math.max(0, start - context), start),
        suffix: pageText.slice(end, end + context),
      },
      { type: 'TextPositionSelector', start, end },
    ],
  };
}

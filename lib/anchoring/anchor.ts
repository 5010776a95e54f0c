/** From a snippet's selectors to a DOM Range in the page as it is now. */
import type { TextPositionSelector, TextQuoteSelector } from '../wire';
import { TextLocator, type AnchorKind, type Located } from './locate';
import { nodeAt, readPageText, type PageText } from './text';

export type SnippetSelectors = readonly [TextQuoteSelector, TextPositionSelector];

export interface Anchored {
  range: Range;
  start: number;
  end: number;
  how: AnchorKind;
}

/**
 * A page's body read once, for anchoring any number of snippets in it. Highlighting splits and
 * moves Text nodes without changing the text: after it, reread() the nodes and the offsets that
 * locate() found still hold.
 */
export class PageAnchorer {
  page: PageText;
  private readonly locator: TextLocator;

  constructor(readonly doc: Document) {
    this.page = readPageText(this.root());
    this.locator = new TextLocator(this.page.searchable);
  }

  private root(): Node {
    return this.doc.body ?? this.doc.documentElement;
  }

  /** Where the snippet's quote is in the page text, or null when it is not there any more. */
  locate([quote, position]: SnippetSelectors): Located | null {
    return this.locator.locate(quote, position);
  }

  anchor(selectors: SnippetSelectors): Anchored | null {
    const found = this.locate(selectors);
    if (!found) return null;
    const range = this.rangeOf(found.start, found.end);
    return range ? { range, ...found } : null;
  }

  /** Reads the page's Text nodes again (after highlighting split some). */
  reread(): void {
    this.page = readPageText(this.root());
  }

  /** The Range over text[start, end) of this page's text. */
  rangeOf(start: number, end: number): Range | null {
    const from = nodeAt(this.page, start, 'start');
    const to = nodeAt(this.page, end, 'end');
    if (!from || !to) return null;
    const range = this.doc.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }
}

/** Anchors one snippet in a document; for several, make one PageAnchorer. */
export const anchorSnippet = (doc: Document, selectors: SnippetSelectors): Anchored | null =>
  new PageAnchorer(doc).anchor(selectors);

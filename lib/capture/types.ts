/** What the scripts injected into a page send back. Plain data: it crosses a context boundary. */
import type { TextPositionSelector, TextQuoteSelector } from '../wire';

export interface ArticleCapture {
  url: string;
  canonicalUrl: string;
  /** Readability's title; may be empty (the item falls back to the tab title or URL). */
  title: string;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  excerpt: string | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | 'auto' | null;
  leadImageUrl: string | null;
  /** Sanitized with DOMPurify in the page; sanitized again before rendering. */
  html: string;
  markdown: string;
  text: string;
}

export interface SelectionCapture {
  url: string;
  canonicalUrl: string;
  sourceTitle: string;
  quote: string;
  /** Length of the whole selection; larger than quote.length when it was cut. */
  selectedChars: number;
  selectors: [TextQuoteSelector, TextPositionSelector];
}

/** What a page with no article can still be kept as: a link, with what the page says of itself. */
export interface LinkCapture {
  url: string;
  canonicalUrl: string;
  /** The document's title; may be empty. */
  title: string;
  /** The page's own description (meta description, og:description), if it has one. */
  excerpt: string | null;
}

/** Why a capture found nothing to keep; the UI turns each into a sentence. */
export type CaptureFailure =
  { failure: 'no-article'; link: LinkCapture } | { failure: 'empty-selection' };

export type PageCaptureResult = ArticleCapture | CaptureFailure;
export type SelectionCaptureResult = SelectionCapture | CaptureFailure;

export function isFailure(value: object): value is CaptureFailure {
  return 'failure' in value;
}

import { Readability } from '@mozilla/readability';
import DOMPurify from 'dompurify';
import TurndownService from 'turndown';
import type { PageCaptureResult } from './types';
import { canonicalUrlOf } from './page-url';

const DIRECTIONS = new Set(['ltr', 'rtl', 'auto']);
/** Readability seldom returns null: it will offer a lone nav link as an "article". Less text than
 * a short paragraph is not worth a clip, and the member is better served by "Clip selection". */
const MIN_ARTICLE_CHARS = 100;

/**
 * Runs Readability on a copy of the page (it mutates what it is given) and returns the article,
 * sanitized and converted to Markdown. `win` is the window whose DOM DOMPurify uses (tests pass
 * a jsdom window). Runs in the page's isolated world, only when the member asks.
 */
export function extractArticle(
  doc: Document,
  url: string,
  win: Window & typeof globalThis = window,
): PageCaptureResult {
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  const text = article?.textContent?.trim() ?? '';
  if (!article?.content || text.length < MIN_ARTICLE_CHARS) return { failure: 'no-article' };

  const purify = DOMPurify(win);
  const html = purify.sanitize(article.content, { FORBID_TAGS: ['style', 'form'] });
  const markdown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' }).turndown(
    html,
  );
  const dir =
    article.dir && DIRECTIONS.has(article.dir) ? (article.dir as 'ltr' | 'rtl' | 'auto') : null;
  return {
    url,
    canonicalUrl: canonicalUrlOf(doc, url),
    title: article.title?.trim() ?? '',
    byline: article.byline?.trim() || null,
    siteName: article.siteName?.trim() || null,
    publishedTime: article.publishedTime ?? null,
    excerpt: article.excerpt?.trim() || null,
    lang: article.lang ?? (doc.documentElement.lang || null),
    dir,
    leadImageUrl: leadImageOf(doc, url),
    html,
    markdown,
    text,
  };
}

function leadImageOf(doc: Document, url: string): string | null {
  const meta = doc.querySelector<HTMLMetaElement>(
    'meta[property="og:image" i], meta[name="twitter:image" i]',
  );
  const content = meta?.getAttribute('content');
  if (!content) return null;
  try {
    const resolved = new URL(content, url);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : null;
  } catch {
    return null;
  }
}

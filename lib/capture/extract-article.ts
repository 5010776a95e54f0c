import { Readability } from '@mozilla/readability';
import DOMPurify from 'dompurify';
import TurndownService from 'turndown';
import type { PageCaptureResult } from './types';
import { canonicalUrlOf } from './page-url';

const DIRECTIONS = new Set(['ltr', 'rtl', 'auto']);
/**
 * Readability seldom returns null: on a page with no article it offers what is left, often just
 * navigation. Text that is nearly all link text is not an article; the member is better served
 * by "Clip selection" there.
 */
const MAX_LINK_SHARE = 0.9;

function isOnlyLinks(fragment: DocumentFragment, textLength: number): boolean {
  let linkText = 0;
  for (const a of fragment.querySelectorAll('a')) linkText += (a.textContent ?? '').trim().length;
  return linkText >= textLength * MAX_LINK_SHARE;
}

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
  if (!article?.content || text.length === 0) return { failure: 'no-article' };

  const purify = DOMPurify(win);
  const fragment = purify.sanitize(article.content, {
    FORBID_TAGS: ['style', 'form'],
    RETURN_DOM_FRAGMENT: true,
  });
  if (isOnlyLinks(fragment, text.length)) return { failure: 'no-article' };
  const container = win.document.createElement('div');
  container.append(fragment);
  const html = container.innerHTML;
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

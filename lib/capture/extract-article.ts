import { Readability } from '@mozilla/readability';
import DOMPurify from 'dompurify';
import TurndownService from 'turndown';
import type { LinkCapture, PageCaptureResult } from './types';
import { canonicalUrlOf } from './page-url';

const DIRECTIONS = new Set(['ltr', 'rtl', 'auto']);
/**
 * Readability seldom returns null: on a page with no article it offers what is left, often just
 * navigation. What it offers is not an article when nearly all of it is link text, or when most
 * of it is the text of the page's navigation landmarks (a dashboard, a menu page). Over the 98
 * pages of Readability's own corpus, link text is at most 27% of an article and at least 94% of
 * an article's text lies outside those landmarks (test/unit/capture-corpus.test.ts checks that
 * none is refused); a page of navigation scores near 100% and 0%.
 */
const MAX_LINK_SHARE = 0.9;
const MIN_SHARE_OUTSIDE_NAVIGATION = 0.5;
const NAVIGATION =
  'nav, header, footer, aside, menu, [role="navigation"], [role="banner"], [role="contentinfo"], [role="menu"], [role="menubar"]';

/** Characters other than white space: layout white space says nothing about what a page holds. */
const visibleLength = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, '').length;

function isOnlyLinks(fragment: DocumentFragment, textLength: number): boolean {
  let linkText = 0;
  for (const a of fragment.querySelectorAll('a')) linkText += visibleLength(a.textContent);
  return linkText >= textLength * MAX_LINK_SHARE;
}

function isNavigation(doc: Document, textLength: number): boolean {
  const body = doc.body?.cloneNode(true) as HTMLElement | undefined;
  if (!body) return true;
  for (const el of body.querySelectorAll(`script, style, noscript, template, ${NAVIGATION}`))
    el.remove();
  return visibleLength(body.textContent) < textLength * MIN_SHARE_OUTSIDE_NAVIGATION;
}

/** What a page without an article can be kept as (clip.ts offers "Save as a link"). */
function linkOf(doc: Document, url: string): LinkCapture {
  const description = doc
    .querySelector<HTMLMetaElement>(
      'meta[name="description" i], meta[property="og:description" i], meta[name="twitter:description" i]',
    )
    ?.getAttribute('content')
    ?.trim();
  return {
    url,
    canonicalUrl: canonicalUrlOf(doc, url),
    title: doc.title.trim(),
    excerpt: description || null,
  };
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
  const noArticle = () => ({ failure: 'no-article' as const, link: linkOf(doc, url) });
  const length = visibleLength(text);
  if (!article?.content || length === 0 || isNavigation(doc, length)) return noArticle();

  const purify = DOMPurify(win);
  const fragment = purify.sanitize(article.content, {
    FORBID_TAGS: ['style', 'form'],
    RETURN_DOM_FRAGMENT: true,
  });
  if (isOnlyLinks(fragment, length)) return noArticle();
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

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

const NOT_CONTENT = `script, style, noscript, template, ${NAVIGATION}`;

/**
 * The body's text outside navigation is its text less that of the outermost navigation (and
 * script) elements: counted in place, since a second copy of a large page cost more than
 * Readability's own.
 */
function isNavigation(doc: Document, textLength: number): boolean {
  const body = doc.body;
  if (!body) return true;
  let outside = visibleLength(body.textContent);
  for (const el of body.querySelectorAll(NOT_CONTENT)) {
    if (!insideAnother(el, body)) outside -= visibleLength(el.textContent);
  }
  return outside < textLength * MIN_SHARE_OUTSIDE_NAVIGATION;
}

/** Whether `el` is within another such element below `body` (its text is counted there). */
function insideAnother(el: Element, body: HTMLElement): boolean {
  for (let p = el.parentElement; p && p !== body; p = p.parentElement) {
    if (p.matches(NOT_CONTENT)) return true;
  }
  return false;
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
  // Given the sanitized nodes, not their HTML, Turndown does not parse the article again.
  const markdown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' }).turndown(
    container,
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

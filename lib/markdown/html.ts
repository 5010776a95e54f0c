import { Marked } from 'marked';
import { imageLabel } from './tree';
import { articleSanitizer, hardenLinks, type ArticleSanitizer } from '../sanitize';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * Raw HTML written in a tip is shown as the text it is: a tip is Markdown, and markup from another
 * member must not become live even where the sanitizer would allow the element. An image becomes a
 * link to it (imageLabel): loaded, it would tell whoever wrote the tip when and where it was read.
 */
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image: ({ href, text }) => `<a href="${escapeHtml(href)}">${escapeHtml(imageLabel(text))}</a>`,
  },
});

/** marked's output before sanitizing; only renderMarkdown hands it on. */
function markdownHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

const sanitizers = new WeakMap<Window, ArticleSanitizer>();

/**
 * Markdown as nodes for `win`'s document: marked's HTML goes through the same sanitizer as clipped
 * articles (parse5, DOMPurify, http(s) links only), and links open outside the view.
 */
export function renderMarkdown(
  markdown: string,
  win: Window & typeof globalThis = window,
): DocumentFragment {
  let sanitize = sanitizers.get(win);
  if (!sanitize) {
    sanitize = articleSanitizer(win);
    sanitizers.set(win, sanitize);
  }
  const fragment = sanitize(markdownHtml(markdown));
  hardenLinks(fragment);
  return fragment;
}

import { useLayoutEffect, useRef } from 'preact/hooks';

interface Props {
  /** Untrusted text (article HTML, a tip's Markdown). */
  source: string;
  /** Turns it into sanitized nodes; loaded on demand, so the sanitizer stays off the first paint. */
  build: (source: string) => Promise<DocumentFragment>;
  class: string;
  dir?: 'ltr' | 'rtl' | 'auto';
  lang?: string;
  /** Names the region, where the content stands on its own (a preview). */
  label?: string;
}

/** Sanitized content placed as nodes: never through innerHTML (lib/sanitize/index.ts says why). */
export function SafeContent({ source, build, class: className, dir = 'auto', lang, label }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    let live = true;
    void build(source).then((nodes) => {
      if (live) ref.current?.replaceChildren(nodes);
    });
    return () => {
      live = false;
    };
  }, [source, build]);
  return (
    <div
      class={className}
      dir={dir}
      lang={lang}
      ref={ref}
      role={label ? 'region' : undefined}
      aria-label={label}
    />
  );
}

/** Clipped article HTML, sanitized (lib/sanitize/index.ts). */
export const renderArticle = (html: string) =>
  import('@/lib/sanitize').then(({ sanitizeArticleHtml, hardenLinks }) => {
    const nodes = sanitizeArticleHtml(html);
    hardenLinks(nodes);
    return nodes;
  });

/** A tip's Markdown, rendered and sanitized (lib/markdown). */
export const renderTip = (markdown: string) =>
  import('@/lib/markdown').then(({ renderMarkdown }) => renderMarkdown(markdown));

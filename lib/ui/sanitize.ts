import DOMPurify from 'dompurify';

/**
 * Clipped HTML and other members' content are untrusted: sanitize right before rendering, even
 * though capture sanitized it too, because stored or synced data may come from anywhere.
 */
export function sanitizeArticleHtml(html: string): string {
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['style'],
  });
}

/** Links in clipped content open outside the popup, without giving the target a handle on us. */
export function hardenLinks(root: HTMLElement): void {
  for (const a of root.querySelectorAll('a[href]')) {
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  }
}

/** The URL a clip is filed under: the page's declared canonical URL, else its address without the fragment. */
export function canonicalUrlOf(doc: Document, url: string): string {
  const declared = doc
    .querySelector<HTMLLinkElement>('link[rel="canonical" i]')
    ?.getAttribute('href');
  if (declared) {
    try {
      const resolved = new URL(declared, url);
      if (resolved.protocol === 'https:' || resolved.protocol === 'http:')
        return withoutHash(resolved);
    } catch {
      // A malformed canonical link is the page's problem; fall back to its address.
    }
  }
  return withoutHash(new URL(url));
}

function withoutHash(url: URL): string {
  url.hash = '';
  return url.href;
}

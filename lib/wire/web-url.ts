// Kept apart from the zod schemas so that the views (popup, in-page panel) can check links
// without bundling zod.
/**
 * The only links Repertoire stores, sends or renders: absolute `http:` or `https:` URLs, as the
 * browser itself would parse them (so `JAVA\tSCRIPT:`, leading spaces and the like cannot hide a
 * scheme). Anything else (`javascript:`, `data:`, `vbscript:`, `file:`, `chrome:`, relative
 * paths) could run script, leak a local file or point into the extension itself.
 */
export function isWebUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** `value` if it is a web URL, else null: for URLs taken from a tab or a page. */
export const webUrlOrNull = (value: string | null | undefined): string | null =>
  value && isWebUrl(value) ? value : null;

export const WEB_URL_RULE = 'must be an absolute http: or https: URL';

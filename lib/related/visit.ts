/**
 * A visited URL, read once per navigation into the parts that patterns are checked against.
 * Only http(s) pages can have related items; anything else (chrome://, about:, file:, garbage)
 * reads as null and matches nothing.
 */
import { stripTrailingSlashes } from './glob';

export interface Visit {
  readonly scheme: 'http' | 'https';
  /** Lowercase ASCII host as the URL parser gives it: IDN hosts are in punycode. */
  readonly host: string;
  /** Effective port: the scheme's default when the URL names none. */
  readonly port: number;
  /** Path without trailing slashes (the root is ``). */
  readonly path: string;
  /** `[our-org, repo]` for `/our-org/repo`, `[]` for the root. */
  readonly segments: readonly string[];
  /** Query without its `?`. */
  readonly query: string;
  /** Fragment without its `#` and trailing slashes, so hash routes read like paths. */
  readonly hash: string;
  /** Identity of the page for "already in the repertoire": see pageKey. */
  readonly pageKey: string;
}

export function readVisit(url: string): Visit | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const scheme = u.protocol === 'https:' ? 'https' : u.protocol === 'http:' ? 'http' : null;
  if (scheme === null || u.hostname === '') return null;
  const host = trimDot(u.hostname);
  const path = stripTrailingSlashes(u.pathname);
  const query = u.search.slice(1);
  return {
    scheme,
    host,
    port: u.port === '' ? (scheme === 'https' ? 443 : 80) : Number(u.port),
    path,
    segments: segmentsOf(path),
    query,
    hash: stripTrailingSlashes(u.hash.slice(1)),
    pageKey: `${host}${u.port === '' ? '' : ':' + u.port}${path}?${withoutTracking(query)}`,
  };
}

/**
 * The same page whatever the scheme, trailing slash, fragment or campaign tags: a page clipped
 * from `https://x.org/a/?utm_source=feed` is the page at `http://x.org/a#intro`.
 */
export function pageKey(url: string): string | null {
  return readVisit(url)?.pageKey ?? null;
}

/** The host a "mute this site" entry stores for a URL; null for pages that never match. */
export function siteOf(url: string): string | null {
  return readVisit(url)?.host ?? null;
}

/** True when host is a muted site or a subdomain of one. */
export function isMutedHost(host: string, muted: ReadonlySet<string>): boolean {
  for (let h = host; ;) {
    if (muted.has(h)) return true;
    const dot = h.indexOf('.');
    if (dot < 0) return false;
    h = h.slice(dot + 1);
  }
}

/** The segments of a path as stored here: `/a/b` → `[a, b]`, `` → `[]`. */
export function segmentsOf(path: string): string[] {
  return path === '' ? [] : path.slice(1).split('/');
}

/** `example.com.` and `example.com` are the same host. */
export function trimDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

const TRACKING = /(?:^|&)(?:utm_[^=&]*|fbclid|gclid)(?:=|&|$)/;

function withoutTracking(query: string): string {
  if (!TRACKING.test(query)) return query;
  return query
    .split('&')
    .filter((p) => !/^(?:utm_[^=]*|fbclid|gclid)(?:=|$)/.test(p))
    .join('&');
}

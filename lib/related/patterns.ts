/**
 * URL patterns that say where a tip applies. Accepts WebExtension match-pattern syntax
 * (`*://*.atlassian.net/jira/*`) and the shorter forms members type (`github.com/our-org/*`,
 * `example.atlassian.net`, `https://wiki.corp/x`). The syntax and its choices are documented in
 * docs/related.md; refusals are worded for the person typing the tip.
 */
import { t } from '../i18n';
import { LIMITS } from '../wire';
import { Glob, PathGlob, stripTrailingSlashes } from './glob';
import { trimDot, type Visit } from './visit';

export type Scheme = 'http' | 'https' | '*';

export interface UrlPattern {
  /** The text as typed (trimmed): what "why is this shown" displays. */
  readonly source: string;
  /** `*` means http or https. */
  readonly scheme: Scheme;
  /** Lowercase ASCII host (IDN in punycode), without the `*.` wildcard. */
  readonly host: string;
  /** From `*.host`: the host itself and every subdomain of it. */
  readonly subdomains: boolean;
  /** Null: any port. */
  readonly port: number | null;
  /** `/*` for the whole site. */
  readonly path: PathGlob;
  /** Null: the query is not looked at. */
  readonly query: Glob | null;
  /** Null: the fragment is not looked at. */
  readonly hash: PathGlob | null;
  /** Equal for patterns that match the same URLs however they were spelt. */
  readonly key: string;
}

export type PatternResult = { ok: true; pattern: UrlPattern } | { ok: false; message: string };

const refuse = (message: string): PatternResult => ({ ok: false, message });

/** Each refusal says what to type instead, with examples, in the member's language. */
const MESSAGES = {
  empty: () => t('background_patternEmpty'),
  tooLong: () => t('background_patternTooLongFull', { max: String(LIMITS.urlChars) }),
  space: () => t('background_patternSpace'),
  allHosts: (text: string) => t('background_patternAllHosts', { text }),
  notWeb: (scheme: string) => t('background_patternNotWeb', { scheme }),
  noHost: () => t('background_patternNoHost'),
  userinfo: (text: string) => t('background_patternUserinfo', { text }),
  port: (port: string) => t('background_patternPort', { port }),
  wildcardPosition: (host: string) => t('background_patternWildcardPosition', { host }),
  badHost: (host: string) => t('background_patternBadHost', { host }),
  wildcardIp: (host: string) => t('background_patternWildcardIp', { host }),
  tld: (host: string) => t('background_patternTld', { host }),
} as const;

/**
 * Labels under which anyone can register in two-letter country domains (`*.co.uk` is as broad as
 * `*.com`). Not the whole Public Suffix List, just the common ones members might type.
 */
const SHARED_SECOND_LEVELS = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'gob',
  'gov',
  'ne',
  'net',
  'or',
  'org',
]);

const NON_WEB_SCHEMES = new Set(
  'about blob brave chrome chrome-extension data edge file ftp javascript mailto moz-extension opera tel view-source ws wss'.split(
    ' ',
  ),
);

export function parsePattern(input: string): PatternResult {
  const source = input.trim();
  if (source === '') return refuse(MESSAGES.empty());
  if (source.length > LIMITS.urlChars) return refuse(MESSAGES.tooLong());
  if (/\s/.test(source)) return refuse(MESSAGES.space());
  if (source === '<all_urls>' || source === '*') return refuse(MESSAGES.allHosts(source));

  let scheme: Scheme = '*';
  let rest = source;
  const withSlashes = /^([a-z][a-z0-9+.-]*|\*):\/\//i.exec(source);
  if (withSlashes) {
    const s = (withSlashes[1] ?? '').toLowerCase();
    if (s !== 'http' && s !== 'https' && s !== '*') return refuse(MESSAGES.notWeb(s));
    scheme = s;
    rest = source.slice(withSlashes[0].length);
  } else {
    // `about:blank`, `mailto:x`; anything else before a colon is a host, as in `localhost:8080`.
    const bare = /^([a-z][a-z0-9+.-]*):/i.exec(source)?.[1]?.toLowerCase();
    if (bare !== undefined && NON_WEB_SCHEMES.has(bare)) return refuse(MESSAGES.notWeb(bare));
  }

  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  if (authority === '') return refuse(MESSAGES.noHost());
  if (authority.includes('@')) return refuse(MESSAGES.userinfo(authority));

  const hostPort = splitPort(authority);
  let port: number | null = null;
  if (hostPort.port !== null && hostPort.port !== '*') {
    const n = /^\d{1,5}$/.test(hostPort.port) ? Number(hostPort.port) : 0;
    if (n < 1 || n > 65_535) return refuse(MESSAGES.port(hostPort.port));
    port = n;
  }

  let hostText = hostPort.host;
  if (hostText === '' || hostText === '*') {
    return hostText === '' ? refuse(MESSAGES.noHost()) : refuse(MESSAGES.allHosts(source));
  }
  const subdomains = hostText.startsWith('*.');
  if (subdomains) hostText = hostText.slice(2);
  if (hostText.includes('*')) return refuse(MESSAGES.wildcardPosition(hostPort.host));
  if (hostText.includes('\\')) return refuse(MESSAGES.badHost(hostText));

  // One pass of the platform's URL parser normalizes the host (case, IDN → punycode, IPv4 forms)
  // and the path, query and fragment (percent-encoding, dot segments) exactly as it will for the
  // URLs of visited pages.
  let parsed: URL;
  try {
    parsed = new URL(`http://${hostText}${tail === '' ? '/' : tail}`);
  } catch {
    return refuse(MESSAGES.badHost(hostText));
  }
  const host = trimDot(parsed.hostname);
  if (host === '' || parsed.port !== '' || parsed.username !== '') {
    return refuse(MESSAGES.badHost(hostText));
  }
  if (subdomains) {
    if (/^[\d.]+$/.test(host) || host.startsWith('[')) return refuse(MESSAGES.wildcardIp(host));
    const labels = host.split('.');
    if (
      labels.length === 1 ||
      (labels.length === 2 &&
        (labels[1] ?? '').length === 2 &&
        SHARED_SECOND_LEVELS.has(labels[0] ?? ''))
    ) {
      return refuse(MESSAGES.tld(host));
    }
  }

  const query = parsed.search.length > 1 ? parsed.search.slice(1) : null;
  const hash = parsed.hash.length > 1 ? stripTrailingSlashes(parsed.hash.slice(1)) : null;
  let path = stripTrailingSlashes(parsed.pathname);
  // A pattern that stops at the site (`example.com`, `https://example.com/`) covers all of it.
  if (path === '' && query === null && hash === null) path = '/*';

  return {
    ok: true,
    pattern: {
      source,
      scheme,
      host,
      subdomains,
      port,
      path: new PathGlob(path),
      query: query === null ? null : new Glob(query),
      hash: hash === null ? null : new PathGlob(hash),
      key: [scheme, subdomains ? '*.' + host : host, port ?? '*', path, query, hash].join(' '),
    },
  };
}

/** Splits `host:port`, `[v6]:port`; port is null when absent. */
function splitPort(authority: string): { host: string; port: string | null } {
  const colon = authority.lastIndexOf(':');
  if (colon < 0 || authority.lastIndexOf(']') > colon) return { host: authority, port: null };
  return { host: authority.slice(0, colon), port: authority.slice(colon + 1) };
}

/** Everything but the host, for an index that has already found candidates by host. */
export function matchesBeyondHost(p: UrlPattern, v: Visit): boolean {
  return (
    (p.scheme === '*' || p.scheme === v.scheme) &&
    (p.port === null || p.port === v.port) &&
    p.path.test(v.path) &&
    (p.query === null || p.query.test(v.query)) &&
    (p.hash === null || p.hash.test(v.hash))
  );
}

function hostMatches(p: UrlPattern, host: string): boolean {
  if (host === p.host) return true;
  return p.subdomains && host.length > p.host.length && host.endsWith('.' + p.host);
}

export function patternMatches(p: UrlPattern, v: Visit): boolean {
  return hostMatches(p, v.host) && matchesBeyondHost(p, v);
}

import { describe, expect, it } from 'vitest';
import { parsePattern, patternMatches, type UrlPattern } from './patterns';
import { readVisit } from './visit';

function parsed(text: string): UrlPattern {
  const r = parsePattern(text);
  if (!r.ok) throw new Error(`${text} refused: ${r.message}`);
  return r.pattern;
}

function matches(pattern: string, url: string): boolean {
  const visit = readVisit(url);
  return visit !== null && patternMatches(parsed(pattern), visit);
}

describe('parsePattern: accepted forms', () => {
  it.each([
    ['*://*.atlassian.net/jira/*', { scheme: '*', host: 'atlassian.net', subdomains: true }],
    ['github.com/our-org/*', { scheme: '*', host: 'github.com', subdomains: false }],
    ['example.atlassian.net', { scheme: '*', host: 'example.atlassian.net', subdomains: false }],
    ['https://wiki.corp/x', { scheme: 'https', host: 'wiki.corp', subdomains: false }],
    ['HTTP://WIKI.Corp.', { scheme: 'http', host: 'wiki.corp', subdomains: false }],
    ['*.bücher.example', { scheme: '*', host: 'xn--bcher-kva.example', subdomains: true }],
    ['localhost:3000', { scheme: '*', host: 'localhost', port: 3000 }],
    ['[::1]:8080/x', { host: '[::1]', port: 8080 }],
    ['  example.com:* ', { source: 'example.com:*', port: null }],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toMatchObject(expected);
  });

  it('normalizes paths like the browser does: percent-encoding, dot segments, trailing slashes', () => {
    expect(parsed('example.com/a/../c/').path.text).toBe('/c');
    expect(parsed('example.com/ä/*').path.text).toBe('/%C3%A4/*');
    expect(parsed('example.com/Docs/').path.text).toBe('/Docs');
  });

  it('reads a pattern that stops at the site as the whole site', () => {
    for (const text of [
      'example.com',
      'example.com/',
      'https://example.com/',
      '*://example.com/*',
    ]) {
      expect(parsed(text).path.text).toBe('/*');
    }
  });

  it('gives patterns that match the same URLs the same key, whatever the spelling', () => {
    expect(parsed('GitHub.com/our-org/*/').key).toBe(parsed('*://github.com/our-org/*').key);
    expect(parsed('https://x.org').key).not.toBe(parsed('http://x.org').key);
    expect(parsed('*.x.org').key).not.toBe(parsed('x.org').key);
  });
});

describe('parsePattern: refused forms say what is wrong and what to type', () => {
  it.each([
    ['', /Type the site/],
    ['   ', /Type the site/],
    ['*://*/*', /every website.*example\.com/],
    ['<all_urls>', /every website/],
    ['*', /every website/],
    ['https://*/*', /every website/],
    ['*.com', /every site ending in \.com.*\*\.example\.com/],
    ['*://*.co.uk/*', /every site ending in \.co\.uk/],
    ['*.corp', /every site ending in \.corp/],
    ['http://', /site name is missing/],
    ['https:///path', /site name is missing/],
    ['/just/a/path', /site name is missing/],
    ['about:blank', /only apply to web pages.*“about:”/],
    ['chrome://settings/*', /only apply to web pages.*“chrome:”/],
    ['file:///home/me/*', /only apply to web pages.*“file:”/],
    ['ftp://files.example.com', /only apply to web pages/],
    ['mailto:team@example.com', /only apply to web pages/],
    ['foo.*.example.com', /\* can only stand for subdomains at the very start/],
    ['*example.com', /\* can only stand for subdomains/],
    ['example.com:99999', /“99999” is not a port number.*1 to 65535/],
    ['localhost:abc', /“abc” is not a port number/],
    ['me@example.com', /Leave out the user name/],
    ['exa mple.com', /can't contain spaces/],
    ['exa<mple.com', /not a valid site name/],
    ['%zz.example.com', /not a valid site name/],
    ['*.10.0.0.1', /wildcard on an IP address/],
  ])('%j', (text, message) => {
    expect(parsePattern(text)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('refuses a pattern longer than a URL may be', () => {
    const r = parsePattern('example.com/' + 'a'.repeat(5000));
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/too long/) });
  });
});

describe('patternMatches', () => {
  it('matches the exact host, and subdomains only with *.', () => {
    expect(matches('example.com', 'https://example.com/a')).toBe(true);
    expect(matches('example.com', 'https://www.example.com/a')).toBe(false);
    expect(matches('*.example.com', 'https://example.com/a')).toBe(true);
    expect(matches('*.example.com', 'https://a.b.example.com/a')).toBe(true);
    expect(matches('*.example.com', 'https://badexample.com/')).toBe(false);
    expect(matches('*.example.com', 'https://example.com.evil.net/')).toBe(false);
  });

  it('compares hosts case-insensitively and IDN hosts in either spelling', () => {
    expect(matches('Example.COM', 'https://EXAMPLE.com/')).toBe(true);
    expect(matches('bücher.example', 'https://xn--bcher-kva.example/buch')).toBe(true);
    expect(matches('xn--bcher-kva.example', 'https://BÜCHER.example/buch')).toBe(true);
    expect(matches('*.bücher.example', 'https://shop.bücher.example/')).toBe(true);
    expect(matches('bucher.example', 'https://bücher.example/')).toBe(false);
  });

  it('checks the scheme only when the pattern names one', () => {
    expect(matches('example.com', 'http://example.com/')).toBe(true);
    expect(matches('https://example.com', 'http://example.com/')).toBe(false);
    expect(matches('http://example.com', 'http://example.com/')).toBe(true);
  });

  it('matches any port when the pattern names none, else the effective port', () => {
    expect(matches('localhost', 'http://localhost:3000/')).toBe(true);
    expect(matches('localhost:3000', 'http://localhost:3000/x')).toBe(true);
    expect(matches('localhost:3000', 'http://localhost:8080/x')).toBe(false);
    expect(matches('localhost:3000', 'http://localhost/x')).toBe(false);
    expect(matches('wiki.corp:443', 'https://wiki.corp/x')).toBe(true);
    expect(matches('https://wiki.corp:443/x', 'https://wiki.corp:443/x')).toBe(true);
    expect(matches('wiki.corp:80', 'https://wiki.corp/x')).toBe(false);
    expect(matches('[::1]:8080', 'http://[::1]:8080/app')).toBe(true);
  });

  it('narrows to a path: the folder itself and below, not its lookalikes', () => {
    const p = 'github.com/our-org/*';
    expect(matches(p, 'https://github.com/our-org')).toBe(true);
    expect(matches(p, 'https://github.com/our-org/')).toBe(true);
    expect(matches(p, 'https://github.com/our-org/repo/pull/12')).toBe(true);
    expect(matches(p, 'https://github.com/our-org-fork/repo')).toBe(false);
    expect(matches(p, 'https://github.com/other/our-org/x')).toBe(false);
    expect(matches(p, 'https://github.com/')).toBe(false);
    expect(matches('github.com/our-org*', 'https://github.com/our-org-fork')).toBe(true);
  });

  it('matches a path without * as that page only, with or without a trailing slash', () => {
    expect(matches('https://wiki.corp/x', 'https://wiki.corp/x')).toBe(true);
    expect(matches('https://wiki.corp/x/', 'https://wiki.corp/x')).toBe(true);
    expect(matches('https://wiki.corp/x', 'https://wiki.corp/x/')).toBe(true);
    expect(matches('https://wiki.corp/x', 'https://wiki.corp/x/y')).toBe(false);
    expect(matches('https://wiki.corp/x', 'https://wiki.corp/xy')).toBe(false);
  });

  it('lets * in the middle of a path stand for any run of characters', () => {
    const p = '*://*.atlassian.net/jira/software/projects/*/boards/*';
    expect(matches(p, 'https://acme.atlassian.net/jira/software/projects/OPS/boards/7')).toBe(true);
    expect(matches(p, 'https://acme.atlassian.net/jira/software/projects/OPS/list')).toBe(false);
    expect(matches('example.com/*.pdf', 'https://example.com/a/b/report.pdf')).toBe(true);
    expect(matches('example.com/*.pdf', 'https://example.com/a/b/report.pdf.html')).toBe(false);
  });

  it('ignores the query and fragment unless the pattern has one', () => {
    expect(matches('example.com/search', 'https://example.com/search?q=x#top')).toBe(true);
    expect(matches('example.com/search?q=*', 'https://example.com/search?q=x')).toBe(true);
    expect(matches('example.com/search?q=*', 'https://example.com/search?lang=en')).toBe(false);
    expect(matches('example.com/search?q=*', 'https://example.com/search')).toBe(false);
  });

  it('matches hash routes when the pattern has a fragment', () => {
    const p = 'app.example.com/#/settings/*';
    expect(matches(p, 'https://app.example.com/#/settings/profile')).toBe(true);
    expect(matches(p, 'https://app.example.com/#/settings/')).toBe(true);
    expect(matches(p, 'https://app.example.com/#/inbox')).toBe(false);
    expect(matches(p, 'https://app.example.com/')).toBe(false);
  });

  it('keeps a path case-sensitive, as servers do', () => {
    expect(matches('example.com/Docs/*', 'https://example.com/docs/a')).toBe(false);
  });
});

describe('readVisit', () => {
  it.each([
    'chrome://extensions/',
    'about:blank',
    'file:///home/me/notes.html',
    'chrome-extension://abc/popup.html',
    'data:text/html,hi',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('reads %j as no page at all', (url) => {
    expect(readVisit(url)).toBeNull();
  });

  it('gives the same page key across scheme, trailing slash, fragment and campaign tags', () => {
    const key = readVisit('https://x.org/a/?id=3&utm_source=feed#intro')?.pageKey;
    expect(key).toBe(readVisit('http://X.org/a?id=3')?.pageKey);
    expect(key).not.toBe(readVisit('https://x.org/a?id=4')?.pageKey);
    const plain = readVisit('https://x.org/a')?.pageKey;
    expect(readVisit('https://x.org:8443/a')?.pageKey).not.toBe(plain);
    expect(readVisit('https://x.org:443/a')?.pageKey).toBe(plain);
    expect(readVisit('https://x.org/a?fbclid=1&gclid=2&utm_medium=m')?.pageKey).toBe(plain);
  });
});

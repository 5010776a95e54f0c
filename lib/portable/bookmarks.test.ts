// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseTags } from '../repertoire';
import { isWebUrl, LIMITS } from '../wire';
import { parseBookmarks } from './bookmarks';
import type { ImportCandidate } from './candidates';

/** What the extension passes: the browser's own parser, whose documents run no script. */
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const read = (html: string) => parseBookmarks(html, parse);

type Link = Extract<ImportCandidate, { kind: 'link' }>;
/** The candidates as links: a bookmarks file has nothing else. */
function links(candidates: ImportCandidate[]): Link[] {
  expect(candidates.every((c) => c.kind === 'link')).toBe(true);
  return candidates as Link[];
}

const HEADER = [
  '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
  '<!-- This is an automatically generated file.',
  '     It will be read and overwritten.',
  '     DO NOT EDIT! -->',
  '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
];

/** As Chrome writes it: CRLF, the bookmarks bar marked, "Other bookmarks" flattened into the root. */
const CHROME = [
  ...HEADER,
  '<TITLE>Bookmarks</TITLE>',
  '<H1>Bookmarks</H1>',
  '<DL><p>',
  '    <DT><H3 ADD_DATE="1699990000" LAST_MODIFIED="1700000500" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>',
  '    <DL><p>',
  '        <DT><A HREF="https://git-scm.com/docs/git-rebase" ADD_DATE="1700000000" ICON="data:image/png;base64,iVBORw0KGgo=">git-rebase Documentation</A>',
  '        <DT><H3 ADD_DATE="1700000100" LAST_MODIFIED="1700000200">Dev Tools</H3>',
  '        <DL><p>',
  '            <DT><H3 ADD_DATE="1700000110" LAST_MODIFIED="1700000210">#Shell</H3>',
  '            <DL><p>',
  '                <DT><A HREF="https://www.shellcheck.net/" ADD_DATE="1700000300">ShellCheck – shell script analysis tool</A>',
  '            </DL><p>',
  '        </DL><p>',
  '        <DT><A HREF="javascript:(function(){alert(document.title)})()" ADD_DATE="1700000400">Show title</A>',
  '    </DL><p>',
  '    <DT><A HREF="https://example.com/other?a=1&amp;b=2" ADD_DATE="1700000600">In other bookmarks</A>',
  '</DL><p>',
].join('\r\n');

/** As Firefox writes it: the menu is the root, toolbar and "Other Bookmarks" marked folders. */
const FIREFOX = [
  ...HEADER,
  `<meta http-equiv="Content-Security-Policy"
      content="default-src 'self'; script-src 'none'; img-src data: *; object-src 'none'"></meta>`,
  '<TITLE>Bookmarks</TITLE>',
  '<H1>Bookmarks Menu</H1>',
  '',
  '<DL><p>',
  '    <DT><A HREF="https://www.mozilla.org/en-US/firefox/" ADD_DATE="1700000000" LAST_MODIFIED="1700000001" ICON_URI="https://www.mozilla.org/favicon.ico" TAGS="browser,Mozilla Firefox">Firefox</A>',
  '    <DT><A HREF="place:type=6&sort=14&maxResults=10" ADD_DATE="1700000002">Recent Tags</A>',
  '    <HR>    <DT><H3 ADD_DATE="1700000003" LAST_MODIFIED="1700000004">Reading</H3>',
  '    <DL><p>',
  '        <DT><A HREF="https://developer.mozilla.org/en-US/docs/Web/HTML" ADD_DATE="1700000005" SHORTCUTURL="mdn" TAGS="html,docs">HTML: HyperText Markup Language | MDN</A>',
  '<DD>The reference for every element &amp; attribute',
  '        <DT><A HREF="file:///home/ana/notes.html" ADD_DATE="1700000006">Notes on disk</A>',
  '    </DL><p>',
  '    <DT><H3 ADD_DATE="1700000007" LAST_MODIFIED="1700000008" PERSONAL_TOOLBAR_FOLDER="true">Barre personnelle</H3>',
  '    <DL><p>',
  '        <DT><A HREF="https://developer.mozilla.org/en-US/docs/Web/HTML#elements" ADD_DATE="1700000009" TAGS="reference,html">MDN, the elements</A>',
  '    </DL><p>',
  '    <DT><H3 ADD_DATE="1700000010" LAST_MODIFIED="1700000011" UNFILED_BOOKMARKS_FOLDER="true">Other Bookmarks</H3>',
  '    <DL><p>',
  '        <DT><A HREF="https://example.org/">Example, no date</A>',
  '    </DL><p>',
  '</DL>',
].join('\n');

const byUrl = (candidates: ImportCandidate[]) => new Map(candidates.map((c) => [c.url, c]));

/** A file of `body` inside Chrome's header and root list. */
const file = (body: string) =>
  [...HEADER, '<TITLE>Bookmarks</TITLE>', '<H1>Bookmarks</H1>', '<DL><p>', body, '</DL><p>'].join(
    '\n',
  );

describe('bookmarks from Chrome', () => {
  const { candidates, refused } = read(CHROME);
  const found = byUrl(candidates);

  it('keeps every web bookmark, with its title and ADD_DATE in milliseconds', () => {
    expect(candidates).toHaveLength(3);
    expect(found.get('https://git-scm.com/docs/git-rebase')).toEqual({
      kind: 'link',
      url: 'https://git-scm.com/docs/git-rebase',
      title: 'git-rebase Documentation',
      tags: [],
      note: '',
      createdAt: 1_700_000_000_000,
    });
  });

  it('tags a bookmark with each folder it sits in, not with the bookmarks bar', () => {
    expect(found.get('https://www.shellcheck.net/')?.tags).toEqual(['dev-tools', 'shell']);
    expect(found.get('https://example.com/other?a=1&b=2')?.tags).toEqual([]);
  });

  it('refuses a bookmarklet, saying why', () => {
    expect(refused).toEqual([
      {
        what: 'Show title',
        why: 'A bookmarklet (javascript:): only http and https pages are imported.',
      },
    ]);
  });
});

describe('links that are not web pages', () => {
  it('are refused, each with what it is', () => {
    const body = [
      '<DT><A HREF="chrome://settings/">Settings</A>',
      '<DT><A HREF="about:config">Config</A>',
      '<DT><A HREF="chrome-extension://abc/page.html">An extension</A>',
      '<DT><A HREF="data:text/html,<p>hi">Data</A>',
      '<DT><A HREF="ftp://example.com/file">FTP</A>',
      '<DT><A HREF="https://example.com/kept">Kept</A>',
    ].join('\n');
    const { candidates, refused } = read(file(body));
    expect(candidates.map((c) => c.url)).toEqual(['https://example.com/kept']);
    expect(refused.map((r) => r.why)).toEqual([
      'A browser page (chrome:): only http and https pages are imported.',
      'A browser page (about:): only http and https pages are imported.',
      'An extension page (chrome-extension:): only http and https pages are imported.',
      'A page held in the link itself (data:): only http and https pages are imported.',
      'A link of another kind (ftp:): only http and https pages are imported.',
    ]);
  });
});

describe('bookmarks from Firefox', () => {
  const { candidates, refused } = read(FIREFOX);
  const found = byUrl(candidates);
  const mdn = 'https://developer.mozilla.org/en-US/docs/Web/HTML';

  it('keeps its TAGS as tags, one each, as the project writes them', () => {
    expect(found.get('https://www.mozilla.org/en-US/firefox/')?.tags).toEqual([
      'browser',
      'mozilla-firefox',
    ]);
  });

  it('keeps a <DD> description as the note, and the folder as a tag', () => {
    expect(found.get(mdn)).toMatchObject({
      title: 'HTML: HyperText Markup Language | MDN',
      note: 'The reference for every element & attribute',
      createdAt: 1_700_000_005_000,
    });
  });

  it('imports a page bookmarked twice once, with the tags of both copies', () => {
    expect(candidates.filter((c) => c.url.startsWith(mdn))).toHaveLength(1);
    expect(found.get(mdn)?.tags).toEqual(['reading', 'html', 'docs', 'reference']);
  });

  it('does not tag with the marked toolbar or "Other Bookmarks", whatever their language', () => {
    expect(found.get('https://example.org/')).toMatchObject({ tags: [], createdAt: null });
    expect(candidates).toHaveLength(3);
  });

  it('knows the top-level folders by name in files that do not mark them', () => {
    const unmarked = file(
      [
        '<DT><H3>Mobile bookmarks</H3><DL><p>',
        '<DT><H3>Other bookmarks</H3><DL><p>',
        '<DT><A HREF="https://example.com/nested">Nested</A>',
        '</DL><p></DL><p>',
      ].join('\n'),
    );
    expect(read(unmarked).candidates[0]?.tags).toEqual(['other-bookmarks']);
  });

  it('refuses smart folders and local files, saying why', () => {
    expect(refused).toEqual([
      {
        what: 'Recent Tags',
        why: 'A Firefox smart folder (place:): only http and https pages are imported.',
      },
      {
        what: 'Notes on disk',
        why: 'A file on this computer (file:): only http and https pages are imported.',
      },
    ]);
  });

  it('reads an older Firefox folder description, whose list sits in the <DD>', () => {
    const older = file(
      [
        '<DT><H3 ADD_DATE="1">Recipes</H3>',
        '<DD>What we cook',
        '<DL><p>',
        '    <DT><A HREF="https://example.com/soup">Soup</A>',
        '    <DD>With leeks',
        '</DL><p>',
        '<DT><A HREF="https://example.com/after">After the folder</A>',
      ].join('\n'),
    );
    expect(read(older).candidates).toEqual([
      expect.objectContaining({ title: 'Soup', tags: ['recipes'], note: 'With leeks' }),
      expect.objectContaining({ title: 'After the folder', tags: [], note: '' }),
    ]);
  });
});

describe('bookmark files, hostile and large', () => {
  it('says what to do with a file that is not a bookmarks export', () => {
    const message =
      'This file is not a bookmarks export: it has no bookmark links. In Chrome use Bookmark ' +
      'manager → ⋮ → Export bookmarks; in Firefox Library → Import and Backup → Export ' +
      'Bookmarks to HTML; then choose that file.';
    const page = '<!doctype html><title>Blog</title><h1>Hi</h1><p><a href="https://x.org">x</a>';
    for (const text of [page, '', '{"roots":{}}', file('<DT><H3>Empty folder</H3><DL><p></DL><p>')])
      expect(() => read(text)).toThrow(message);
  });

  it('keeps markup in a title as text, and runs none', () => {
    const hostile = file(
      [
        '<DT><A HREF="https://example.com/1">&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;</A>',
        '<DT><A HREF="https://example.com/2">Before <img src=x onerror="globalThis.pwned=1">after</A>',
        '<DD>&lt;script&gt;alert(2)&lt;/script&gt;',
      ].join('\n'),
    );
    const candidates = links(read(hostile).candidates);
    expect(candidates.map((c) => c.title)).toEqual([
      '<img src=x onerror=alert(1)> "quoted"',
      'Before after',
    ]);
    expect(candidates[1]?.note).toBe('<script>alert(2)</script>');
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('cuts what is too long to the limits, and refuses only what cannot be an item', () => {
    const deep = Array.from({ length: 40 }, (_, i) => `<DT><H3>Level ${i}</H3><DL><p>`).join('');
    const longFolder = `<DT><H3>${'f'.repeat(100)} folder</H3><DL><p>`;
    const body = [
      deep,
      longFolder,
      `<DT><A HREF="https://example.com/deep" TAGS="${'t'.repeat(80)}">${'T'.repeat(2000)}</A>`,
      '</DL><p>'.repeat(41),
      `<DT><A HREF="https://example.com/${'p'.repeat(LIMITS.urlChars)}">Too long a link</A>`,
      '<DT><A HREF="/relative">Relative</A>',
      '<DT><A>No link at all</A>',
      '<DT><A HREF="https://example.com/bad-date" ADD_DATE="soon">Bad date</A>',
      '<DT><A HREF="https://example.com/ms" ADD_DATE="1700000000000">Milliseconds</A>',
    ].join('\n');
    const { candidates, refused } = read(file(body));
    const deepOne = links(candidates)[0];
    expect(deepOne?.url).toBe('https://example.com/deep');
    expect(deepOne?.title).toHaveLength(LIMITS.titleChars);
    expect(deepOne?.title.endsWith('…')).toBe(true);
    expect(deepOne?.tags).toHaveLength(LIMITS.tags);
    expect(deepOne?.tags.slice(0, 2)).toEqual(['level-0', 'level-1']);
    expect(candidates.map((c) => c.createdAt)).toEqual([null, null, null]);
    expect(refused).toEqual([
      {
        what: 'Too long a link',
        why: `Its address is longer than ${LIMITS.urlChars} characters, more than an item keeps.`,
      },
      { what: 'Relative', why: 'It has no web address: only http and https pages are imported.' },
      {
        what: 'No link at all',
        why: 'It has no web address: only http and https pages are imported.',
      },
    ]);
  });

  it('gives only tags the project keeps as they are', () => {
    const body = [
      '<DT><H3>  Dev, Tools  </H3><DL><p>',
      `<DT><H3>${'é'.repeat(63)}🎉 end</H3><DL><p>`,
      '<DT><A HREF="https://example.com/t" TAGS="#Hash,  spaced out ,,a,A">Tagged</A>',
      '</DL><p></DL><p>',
    ].join('\n');
    const [tagged] = read(file(body)).candidates;
    expect(tagged?.tags).toEqual(['dev-tools', 'é'.repeat(63), 'hash', 'spaced-out', 'a']);
    for (const tag of tagged?.tags ?? []) {
      expect(parseTags(tag)).toEqual([tag]);
      expect(tag.length).toBeLessThanOrEqual(LIMITS.tagChars);
    }
  });

  it('reads a file of 10,000 bookmarks', () => {
    const folders = Array.from({ length: 100 }, (_, f) => {
      const links = Array.from({ length: 100 }, (_, i) => {
        const n = f * 100 + i;
        const href = n % 100 === 99 ? `javascript:void(${n})` : `https://example.com/page/${n}`;
        return `        <DT><A HREF="${href}" ADD_DATE="${1_600_000_000 + n}">Page ${n}</A>`;
      });
      return [`    <DT><H3>Folder ${f}</H3>`, '    <DL><p>', ...links, '    </DL><p>'].join('\n');
    });
    const { candidates, refused } = read(file(folders.join('\n')));
    expect(candidates).toHaveLength(9_900);
    expect(refused).toHaveLength(100);
    expect(candidates[0]).toEqual({
      kind: 'link',
      url: 'https://example.com/page/0',
      title: 'Page 0',
      tags: ['folder-0'],
      note: '',
      createdAt: 1_600_000_000_000,
    });
    expect(candidates.at(-1)?.tags).toEqual(['folder-99']);
    expect(candidates.every((c) => isWebUrl(c.url))).toBe(true);
  });
});

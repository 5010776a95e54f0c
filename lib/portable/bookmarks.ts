/**
 * A browser's bookmarks export (the Netscape bookmark file Chrome, Edge and Firefox write) read
 * into import candidates: folders become tags, Firefox's tags stay tags, a description becomes
 * the note. Read through the DOM the caller parses (an inert document), never by pattern over
 * the HTML. Rules: docs/portable.md.
 */
import { t, type MessageKey } from '../i18n';
import { LIMITS } from '../wire';
import type { ImportCandidate, ParsedImport } from './candidates';

type LinkCandidate = Extract<ImportCandidate, { kind: 'link' }>;

const notBookmarks = () => t('background_bookmarksNone');

/** One `<DT><A>` of the file, with the folders it sits in (outermost first). */
interface Bookmark {
  link: Element;
  folders: readonly string[];
  description: string;
}

/**
 * The bookmarks of `html`, once per page, and the links that are not web pages. Throws when the
 * file has no bookmark at all: it is another file, and the message says how to export one.
 */
export function parseBookmarks(html: string, parse: (html: string) => Document): ParsedImport {
  const doc = parse(html);
  const byPage = new Map<string, LinkCandidate>();
  const refused: ParsedImport['refused'] = [];
  let found = 0;
  for (const list of outermostLists(doc)) {
    for (const bookmark of bookmarksIn(list, [], 0)) {
      found += 1;
      const href = (bookmark.link.getAttribute('href') ?? '').trim();
      const address = addressOf(href);
      if ('why' in address)
        refused.push({ what: refusedName(bookmark.link, href), why: address.why });
      else addOnce(byPage, candidate(bookmark, address.url));
    }
  }
  if (found === 0) throw new Error(notBookmarks());
  return { candidates: [...byPage.values()], refused };
}

function outermostLists(doc: Document): Element[] {
  return [...doc.querySelectorAll('dl')].filter((dl) => !dl.parentElement?.closest('dl'));
}

const childNamed = (parent: Element, name: string) =>
  [...parent.children].find((child) => child.localName === name);

/**
 * The bookmarks of one `<DL>` and of its folders, in file order. As an HTML parser builds the
 * file, a folder is a `<DT>` holding its `<H3>` name and its `<DL>`, except when the folder has a
 * description (older Firefox): then the `<DL>` sits in the `<DD>` after it.
 */
function* bookmarksIn(
  list: Element,
  folders: readonly string[],
  depth: number,
): Generator<Bookmark> {
  // The folders a `<DD>`'s list belongs in: the last `<DT>`'s folder, if it was one.
  let folderOfDescription = folders;
  for (const child of list.children) {
    if (child.localName === 'dt') {
      const link = childNamed(child, 'a');
      if (link) yield { link, folders, description: descriptionAfter(child) };
      const heading = childNamed(child, 'h3');
      folderOfDescription = heading ? inFolder(folders, heading, depth) : folders;
      const sublist = childNamed(child, 'dl');
      if (sublist) yield* bookmarksIn(sublist, folderOfDescription, depth + 1);
    } else if (child.localName === 'dd') {
      const sublist = childNamed(child, 'dl');
      if (sublist) yield* bookmarksIn(sublist, folderOfDescription, depth + 1);
    } else if (child.localName === 'dl') {
      yield* bookmarksIn(child, folders, depth + 1);
    }
  }
}

/**
 * The browsers' own top-level folders say where a bookmark is shown, not what it is about: they
 * are no tag. Chrome and Firefox mark them (their names are translated); other tools' files
 * name them only.
 */
const CONTAINER_ATTRIBUTES = [
  'personal_toolbar_folder',
  'unfiled_bookmarks_folder',
  'bookmarks_menu',
];
const CONTAINER_NAMES = new Set([
  'bookmarks bar',
  'bookmarks toolbar',
  'bookmarks menu',
  'other bookmarks',
  'mobile bookmarks',
]);

function inFolder(folders: readonly string[], heading: Element, depth: number): readonly string[] {
  const name = oneLine(heading.textContent);
  const container =
    depth === 0 &&
    (CONTAINER_ATTRIBUTES.some((a) => heading.hasAttribute(a)) ||
      CONTAINER_NAMES.has(name.toLowerCase()));
  return container ? folders : [...folders, name];
}

/** A bookmark's description: the text of the `<DD>` right after its `<DT>`, if there is one. */
function descriptionAfter(dt: Element): string {
  const next = dt.nextElementSibling;
  if (next?.localName !== 'dd') return '';
  const text = [...next.childNodes]
    .filter((node) => node.nodeName.toLowerCase() !== 'dl')
    .map((node) => node.textContent ?? '')
    .join('');
  return cut(text.replace(/\r\n?/g, '\n').trim(), LIMITS.noteChars);
}

function candidate(bookmark: Bookmark, url: string): LinkCandidate {
  const { link } = bookmark;
  const firefoxTags = (link.getAttribute('tags') ?? '').split(',');
  return {
    kind: 'link',
    url,
    title: cut(oneLine(link.textContent), LIMITS.titleChars),
    tags: tagsOf([...bookmark.folders, ...firefoxTags]),
    note: bookmark.description,
    createdAt: addDate(link.getAttribute('add_date')),
  };
}

/**
 * A page bookmarked twice (in two folders, say) is imported once: the first copy's title, note
 * and date, with the tags of every copy. The same page means the same address but for the
 * fragment, as a clip is filed (lib/capture/page-url.ts).
 */
function addOnce(byPage: Map<string, LinkCandidate>, next: LinkCandidate): void {
  const key = next.url.replace(/#.*$/, '');
  const first = byPage.get(key);
  if (first) first.tags = tagsOf([...first.tags, ...next.tags]);
  else byPage.set(key, next);
}

/**
 * Folder names and Firefox tags as the project's tags: each one tag, lower case, no leading `#`,
 * spaces and commas as hyphens (so `parseTags` keeps "Dev Tools" whole, as `dev-tools`), cut to
 * the tag limit, once each, and no more than an item holds.
 */
function tagsOf(names: readonly string[]): string[] {
  const tags = names.map(asTag).filter((tag) => tag.length > 0);
  return [...new Set(tags)].slice(0, LIMITS.tags);
}

function asTag(name: string): string {
  const tag = name
    .trim()
    .toLowerCase()
    .replace(/^#+/, '')
    .replace(/[\s,]+/g, '-')
    .replace(/^-+/, '');
  return withoutLoneSurrogate(tag.slice(0, LIMITS.tagChars)).replace(/-+$/, '');
}

/** ADD_DATE is in seconds; a value no clock could mean (year 3000 or later) is no date. */
function addDate(value: string | null): number | null {
  const digits = value?.trim() ?? '';
  const seconds = /^\d{1,11}$/.test(digits) ? Number(digits) : 0;
  return seconds > 0 && seconds < YEAR_3000 ? seconds * 1000 : null;
}

const YEAR_3000 = 32_503_680_000;

/**
 * The page a bookmark links to, as the URL parser writes it, or why it is not imported, as the
 * summary says it. Only http(s) links become items (lib/wire/web-url.ts): the others run
 * script, query the browser's history, open local files or browser pages, and mean nothing on
 * another member's computer.
 */
function addressOf(href: string): { url: string } | { why: string } {
  const parsed = parsedUrl(href);
  if (!parsed) return { why: t('background_bookmarkNoAddress') };
  const scheme = parsed.protocol;
  if (scheme !== 'http:' && scheme !== 'https:') {
    const kind = Object.hasOwn(LINK_KINDS, scheme)
      ? LINK_KINDS[scheme]!
      : 'background_bookmarkOther';
    return { why: t(kind, { scheme }) };
  }
  if (parsed.href.length > LIMITS.urlChars)
    return {
      why: t('background_bookmarkTooLong', { max: String(LIMITS.urlChars) }),
    };
  return { url: parsed.href };
}

const LINK_KINDS: Record<string, MessageKey> = {
  'javascript:': 'background_bookmarkBookmarklet',
  'place:': 'background_bookmarkSmartFolder',
  'file:': 'background_bookmarkFile',
  'about:': 'background_bookmarkBrowserPage',
  'chrome:': 'background_bookmarkBrowserPage',
  'edge:': 'background_bookmarkBrowserPage',
  'brave:': 'background_bookmarkBrowserPage',
  'opera:': 'background_bookmarkBrowserPage',
  'vivaldi:': 'background_bookmarkBrowserPage',
  'chrome-extension:': 'background_bookmarkExtensionPage',
  'moz-extension:': 'background_bookmarkExtensionPage',
  'data:': 'background_bookmarkDataPage',
  'mailto:': 'background_bookmarkEmail',
};

function parsedUrl(href: string): URL | null {
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

/** How the summary names a refused bookmark: its title, else the start of its link. */
function refusedName(link: Element, href: string): string {
  return cut(oneLine(link.textContent) || href || t('background_bookmarkNoLink'), 120);
}

const oneLine = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Text cut to `max` UTF-16 units, marked with an ellipsis, never inside a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${withoutLoneSurrogate(text.slice(0, max - 1)).trimEnd()}…`;
}

const withoutLoneSurrogate = (text: string) => text.replace(/[\ud800-\udbff]$/, '');

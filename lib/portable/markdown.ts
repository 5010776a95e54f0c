/**
 * "Export as Markdown": every item as a Markdown file with YAML front matter, read as it is by
 * Obsidian and other Markdown vaults, and all of them as one zip. Pure: no storage, no extension
 * APIs. Layout and rules: docs/portable.md.
 */
import { strToU8, zipSync } from 'fflate';
import { POSITION_WORDS, subjectName } from '../community';
import type { Item, ItemKind, PathItem, SnippetItem, StanceItem } from '../wire';

export interface MarkdownFile {
  /** Path inside the export: the kind's folder, then the file name (`tips/Use set -e.md`). */
  name: string;
  text: string;
}

const FOLDERS: Record<ItemKind, string> = {
  page: 'pages',
  snippet: 'snippets',
  tip: 'tips',
  question: 'questions',
  path: 'paths',
  stance: 'stances',
};

const EXTENSION = '.md';

/**
 * The live items' files, oldest first, so that the oldest of two same titles keeps the bare name
 * whatever order the items come in.
 */
export function markdownFiles(items: readonly Item[]): MarkdownFile[] {
  const live = items.filter((item) => item.deletedAt === null).sort(oldestFirst);
  const names = fileNames(live);
  return live.map((item) => ({
    name: `${FOLDERS[item.kind]}/${names.get(item.id)}${EXTENSION}`,
    text: `${frontMatter(item)}\n${body(item, names)}`,
  }));
}

/** The same files in one zip, names in UTF-8 (fflate sets the zip's UTF-8 flag for them). */
export function markdownZip(items: readonly Item[]): Uint8Array {
  return zipSync(
    Object.fromEntries(markdownFiles(items).map((file) => [file.name, strToU8(file.text)])),
  );
}

const oldestFirst = (a: Item, b: Item) =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

type YamlValue = string | readonly string[];

/**
 * YAML written by hand, in a subset every reader takes the same way: each string a double-quoted
 * scalar, each list a block sequence of them. Plain scalars are a trap for text members wrote:
 * `yes`, `no` and `on` are booleans to YAML 1.1 readers, `null`, `~`, `1e3` and dates change
 * type, and `: `, ` #`, a leading `-`, `[`, `&`, `*` or `!` change the structure. A YAML library
 * would cost the extension more than the rest of the export (docs/portable.md) for a dozen
 * fields of two shapes.
 */
function frontMatter(item: Item): string {
  const lines = ['---'];
  for (const [key, value] of fields(item)) {
    if (typeof value === 'string') lines.push(`${key}: ${yamlString(value)}`);
    else if (value.length === 0) lines.push(`${key}: []`);
    else lines.push(`${key}:`, ...value.map((entry) => `  - ${yamlString(entry)}`));
  }
  lines.push('---');
  return `${lines.join('\n')}\n`;
}

/** The fields, in the order a reader expects them; absent values are left out. */
function fields(item: Item): [string, YamlValue][] {
  const url = item.url ?? item.canonicalUrl;
  const created = isoDate(item.createdAt);
  const updated = isoDate(item.updatedAt);
  const entries: [string, YamlValue | null][] = [
    ['title', item.title],
    ['kind', item.kind],
    ['url', url],
    ['tags', item.tags],
    ['author', item.author],
    ['created', created],
    ['updated', updated],
    ['applies-to', item.kind === 'tip' || item.kind === 'question' ? item.appliesTo : null],
    ['subject', item.kind === 'stance' ? item.subject : null],
    ['position', item.kind === 'stance' ? item.position : null],
    ['id', item.id],
  ];
  return entries.filter((entry): entry is [string, YamlValue] => entry[1] !== null);
}

/** ISO 8601 in UTC; null for a time no Date can hold, so one odd item cannot stop the export. */
function isoDate(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * A JSON string is a YAML 1.2 double-quoted scalar. JSON leaves raw a few characters YAML
 * forbids in a document (DEL, C1 controls, U+FEFF, U+FFFE/FFFF) or that YAML 1.1 readers take
 * as line breaks (U+0085, U+2028, U+2029): those are escaped too.
 */
function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function body(item: Item, names: ReadonlyMap<string, string>): string {
  const parts = mainParts(item, names);
  const note = item.note?.trim();
  if (note) parts.push(`## Note\n\n${asText(note)}`);
  return `${parts
    .map((part) => lines(part).trimEnd())
    .filter(Boolean)
    .join('\n\n')}\n`;
}

function mainParts(item: Item, names: ReadonlyMap<string, string>): string[] {
  switch (item.kind) {
    case 'page':
      // A page kept as a link has no article, only what the page said of itself.
      return [item.markdown.trim() ? item.markdown : asText(item.excerpt ?? '')];
    case 'snippet':
      return [blockQuote(item.quote), sourceLine(item)];
    case 'tip':
      return [item.body];
    case 'question':
      return [item.details];
    case 'path':
      return [stepList(item, names)];
    case 'stance':
      return [stanceSummary(item), asText(item.reason)];
  }
}

const lines = (text: string) => text.replace(/\r\n?/g, '\n');

/** Every line of the quote behind `> `, blank ones included, so the quote stays one block. */
function blockQuote(quote: string): string {
  return lines(quote.trim())
    .split('\n')
    .map((line) => `> ${asText(line)}`)
    .join('\n');
}

/** `— [Source title](url)`: the page the quote was taken from. */
function sourceLine(snippet: SnippetItem): string {
  const url = snippet.url ?? snippet.canonicalUrl;
  const title = oneLine(snippet.sourceTitle) || url || '';
  if (!title) return '';
  return url ? `— [${asText(title)}](${linkTarget(url)})` : `— ${asText(title)}`;
}

/** Steps as an ordered list of wikilinks: vaults resolve `[[name]]` by file name, in any folder. */
function stepList(path: PathItem, names: ReadonlyMap<string, string>): string {
  return path.steps
    .map((step, i) => {
      const name = names.get(step.itemId);
      const target = name ? `[[${name}]]` : 'An item that is not in this export';
      const note = oneLine(step.note);
      return `${i + 1}. ${target}${note ? ` — ${asText(note)}` : ''}`;
    })
    .join('\n');
}

function stanceSummary(stance: StanceItem): string {
  const name = subjectName(stance.subject);
  const subject = name === stance.subject.trim() ? name : `${name} (${stance.subject.trim()})`;
  return `- Position: ${POSITION_WORDS[stance.position]}\n- Subject: ${asText(subject)}`;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Plain text (notes, quotes, reasons, excerpts) as Markdown that shows exactly that text: the
 * characters that start markup are escaped, vaults' own (`#tag`, `$math$`) included, and so are
 * line starts that would make a list, a heading or a rule (a note's `---` stays a line of text).
 */
function asText(text: string): string {
  return lines(text)
    .replace(/[\\`*_[\]<>&|~$#]/g, '\\$&')
    .replace(/^([ \t]*)([-+=])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}

/** A link destination Markdown cannot end early: parentheses and spaces percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, (c) =>
    c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c),
  );
}

/** Whole file name, extension and " (2)" included: short enough for every vault and disk. */
const MAX_UNITS = 100;
/** ext4 and most file systems count 255 bytes, not characters: 100 CJK characters are 300. */
const MAX_BYTES = 255;

/**
 * Characters no file name may hold on Windows (`/ \ : * ? " < > |`), that break a wikilink
 * (`# ^ [ ] |`), control characters, and bidirectional controls, which can make a name read
 * backwards (`…\u202Edm.exe`).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[/\\:*?"<>|#^[\]\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Windows refuses these as names, with any extension (`NUL.md`, `con.txt.md`). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(\.|$))/i;

/**
 * Each item's file name without the extension, unique across the export ignoring case (macOS
 * and Windows disks ignore it), so every wikilink names one file.
 */
function fileNames(items: readonly Item[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  // Where to resume counting for a name, so a thousand "Untitled" stay linear.
  const nextNumber = new Map<string, number>();
  for (const item of items) {
    const plain = clean(item.title);
    const key = fileBase(plain, item.kind, '').toLowerCase();
    for (let n = nextNumber.get(key) ?? 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const name = `${fileBase(plain, item.kind, suffix)}${suffix}`;
      if (taken.has(name.toLowerCase())) continue;
      taken.add(name.toLowerCase());
      names.set(item.id, name);
      nextNumber.set(key, n + 1);
      break;
    }
  }
  return names;
}

/** The title with what no file name may hold replaced by spaces, and no leading dots. */
function clean(title: string): string {
  return title
    .normalize('NFC')
    .replace(UNSAFE, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[. ]+/, '');
}

/** The name before the suffix: cut to fit, never ending in a dot or space, never reserved. */
function fileBase(plain: string, kind: ItemKind, suffix: string): string {
  const tail = `${suffix}${EXTENSION}`;
  // One unit kept for the `_` a reserved name gets.
  const cut = cutToFit(plain, MAX_UNITS - tail.length - 1, MAX_BYTES - utf8Bytes(tail) - 1);
  const base = cut.replace(/[. ]+$/, '') || `Untitled ${kind}`;
  return base.replace(RESERVED, '$1_');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();
const utf8Bytes = (text: string) => encoder.encode(text).length;

/** The longest start of `text` within both limits, cut between characters as people see them. */
function cutToFit(text: string, units: number, bytes: number): string {
  if (text.length <= units && utf8Bytes(text) <= bytes) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = utf8Bytes(segment);
    if (out.length + segment.length > units || used + size > bytes) break;
    out += segment;
    used += size;
  }
  return out;
}

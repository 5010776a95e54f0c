/**
 * Secrets and personal data, caught before they leave the device: scan what an item would
 * share, show it masked, redact it. Runs in the background only (the popup gets findings as
 * FindingView), so none of it weighs on the popup's first paint.
 */
import { scanTexts, type Part } from './scan';
import type { Finding, FindingView } from './types';

export type { Finding, FindingKind, FindingView } from './types';
export { describeFindings, fieldName, findingLabel } from './words';

/** Not text anyone wrote: ids, the community, the author's display name, enum-like values. */
const NOT_CONTENT = new Set(['id', 'community', 'author', 'kind', 'lang', 'dir', 'tool', 'type']);

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) if (!NOT_CONTENT.has(key)) yield* strings(v);
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', nbsp: ' ' };

/**
 * The attribute values of serialized HTML (links, image sources, titles), as text. An article's
 * text content is in its `text` field already, so this is all the HTML adds.
 */
function attributeValues(html: string): string {
  // Serialized HTML quotes every attribute value with '"'. Looking for '="' is several times
  // faster than matching attribute names (a text node's `x="y"` counts too, which only scans
  // that text twice). Values that repeat are scanned again: that costs less than a Set of them.
  const values: string[] = [];
  for (let at = html.indexOf('="'); at !== -1;) {
    const end = html.indexOf('"', at + 2);
    if (end === -1) break;
    values.push(html.slice(at + 2, end));
    at = html.indexOf('="', end + 1);
  }
  return values
    .join('\n')
    .replace(/&(amp|quot|lt|gt|nbsp|#(\d+));/g, (_, name: string, code?: string) =>
      code ? String.fromCharCode(Number(code)) : (ENTITIES[name] ?? ''),
    );
}

/** Where a finding is shown when its text is in several fields: the main text first. */
const MAIN_FIELDS = ['body', 'quote', 'text', 'title'];
const rank = (field: string) => {
  const at = MAIN_FIELDS.indexOf(field);
  return at === -1 ? MAIN_FIELDS.length : at;
};

/**
 * Scans every field of what would be shared: a whole item, or the changes of an edit. Markdown
 * is left out: it is made from the same HTML, whose text and attributes are scanned, and its
 * escapes (`ghp\_…`) would hide tokens from the rules anyway.
 */
export async function scanFields(fields: object): Promise<Finding[]> {
  const parts: Part[] = [];
  const entries = Object.entries(fields).sort(([a], [b]) => rank(a) - rank(b));
  for (const [field, value] of entries) {
    if (NOT_CONTENT.has(field) || field === 'markdown') continue;
    for (const text of strings(value)) {
      parts.push({ field, text: field === 'html' ? attributeValues(text) : text });
    }
  }
  const findings = new Map<string, Finding>();
  // The same text again is one finding (redaction replaces every copy), shown where it was
  // first found: a tip's excerpt repeats its body.
  for (const found of await scanTexts(parts)) {
    if (!findings.has(found.match)) findings.set(found.match, found);
  }
  return [...findings.values()];
}

/** `AKIA2E0A8F3B244C9986` → `AKIA…9986`: enough to recognise it, not enough to use it. */
export function mask(match: string): string {
  const keep = match.length >= 16 ? 4 : match.length >= 8 ? 2 : 1;
  return `${match.slice(0, keep)}…${match.slice(-keep)}`;
}

export function placeholder(finding: Pick<Finding, 'label'>): string {
  return `[redacted ${finding.label}]`;
}

/** What the review shows: each match masked, in its context (where other matches are blurred). */
export function findingViews(findings: readonly Finding[]): FindingView[] {
  return findings.map(({ match, ...rest }) => ({ ...rest, masked: mask(match) }));
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** The characters turndown escapes inside a line of text. */
const escapeMarkdown = (s: string) => s.replace(/[\\*_`[\]]/g, '\\$&');

function redactString(text: string, findings: readonly Finding[]): string {
  let out = text;
  for (const f of findings) {
    const forms = new Set([f.match, escapeHtml(f.match), escapeMarkdown(f.match)]);
    for (const form of forms) out = out.split(form).join(placeholder(f));
  }
  return out;
}

function redactValue(value: unknown, findings: readonly Finding[]): unknown {
  if (typeof value === 'string') return redactString(value, findings);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, findings));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, NOT_CONTENT.has(k) ? v : redactValue(v, findings)]),
    );
  return value;
}

/**
 * Replaces every finding, wherever its text appears in any field (HTML, Markdown and plain
 * text alike, in their escaped forms too), with a placeholder naming what it was.
 */
export function redactFields<T extends object>(fields: T, findings: readonly Finding[]): T {
  // Longest first, so that a match inside a longer one does not leave the rest behind.
  const ordered = [...findings]
    .filter((f) => f.match)
    .sort((a, b) => b.match.length - a.match.length);
  return redactValue(fields, ordered) as T;
}

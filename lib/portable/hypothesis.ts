/**
 * Reads a Hypothesis export as import candidates. Hypothesis writes `{ export_date,
 * export_userid, client_version, annotations }` (its sidebar's Share Annotations › Export); its
 * API's search results, which older tools saved, hold `{ total, rows }`; some tools save a bare
 * array. Each annotation is read on its own and tolerantly: fields Hypothesis adds later are
 * ignored, and one entry that cannot be read is refused without losing the rest.
 */
import { t } from '../i18n';
import { z } from 'zod';
import { isWebUrl } from '../wire';
import type { ImportCandidate, ParsedImport } from './candidates';

const QuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});

const PositionSelector = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.int().nonnegative(),
    end: z.int().nonnegative(),
  })
  .refine((s) => s.start <= s.end);

const Annotation = z.object({
  uri: z.string().min(1),
  text: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  created: z.string().nullish(),
  references: z.array(z.string()).nullish(),
  // The API gives the title as a list; the client's own types say a string. Either is read.
  document: z.object({ title: z.union([z.array(z.string()), z.string()]).nullish() }).nullish(),
  // Selectors are read one by one (selectorOf): a kind this code does not know is no reason to
  // drop the annotation.
  target: z.array(z.object({ selector: z.array(z.unknown()).nullish() })).nullish(),
});
type Annotation = z.infer<typeof Annotation>;

const ExportFile = z.union([
  z.array(z.unknown()),
  z.object({ annotations: z.array(z.unknown()) }),
  z.object({ rows: z.array(z.unknown()) }),
]);

/** Each says how to export the file from Hypothesis, as the summary shows it. */
const notAnExport = (
  why:
    | 'background_hypothesisNotJson'
    | 'background_hypothesisNoList'
    | 'background_hypothesisNoAnnotation',
): Error => new Error(t(why));

export function parseHypothesis(text: string): ParsedImport {
  const rows = rowsOf(text);
  const read = rows.map((row) => ({ row, annotation: Annotation.safeParse(row) }));
  // A list of which nothing reads is another tool's file, not an export with a damaged entry.
  if (rows.length > 0 && read.every((r) => !r.annotation.success)) {
    throw notAnExport('background_hypothesisNoAnnotation');
  }
  const parsed: ParsedImport = { candidates: [], refused: [] };
  for (const { row, annotation } of read) {
    if (!annotation.success) {
      parsed.refused.push({ what: describeRow(row), why: t('background_hypothesisUnreadable') });
      continue;
    }
    const why = refusal(annotation.data);
    if (why) parsed.refused.push({ what: describe(annotation.data), why });
    else parsed.candidates.push(candidateOf(annotation.data));
  }
  return parsed;
}

function rowsOf(text: string): unknown[] {
  let json: unknown;
  try {
    // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw notAnExport('background_hypothesisNotJson');
  }
  const file = ExportFile.safeParse(json);
  if (!file.success) throw notAnExport('background_hypothesisNoList');
  const data = file.data;
  return Array.isArray(data) ? data : 'annotations' in data ? data.annotations : data.rows;
}

function refusal(a: Annotation): string | null {
  if (a.references && a.references.length > 0) {
    return t('background_hypothesisReply');
  }
  if (!isWebUrl(a.uri)) {
    return t('background_hypothesisNotWeb', { uri: clip(a.uri, 40) });
  }
  return null;
}

function candidateOf(a: Annotation): ImportCandidate {
  const common = {
    url: a.uri,
    tags: tagsOf(a),
    note: a.text?.trim() ?? '',
    createdAt: timeOf(a.created),
  };
  const quote = selectorOf(a, QuoteSelector);
  if (!quote) return { kind: 'link', title: titleOf(a), ...common };
  const position = selectorOf(a, PositionSelector);
  return {
    kind: 'snippet',
    sourceTitle: titleOf(a),
    exact: quote.exact,
    prefix: quote.prefix ?? '',
    suffix: quote.suffix ?? '',
    position: position ? { start: position.start, end: position.end } : null,
    ...common,
  };
}

/** The first selector of that kind that reads, across the targets (h keeps one target). */
function selectorOf<T>(a: Annotation, schema: z.ZodType<T>): T | null {
  for (const target of a.target ?? []) {
    for (const selector of target.selector ?? []) {
      const read = schema.safeParse(selector);
      if (read.success) return read.data;
    }
  }
  return null;
}

function titleOf(a: Annotation): string {
  const titles = a.document?.title;
  const first = (Array.isArray(titles) ? titles : [titles]).find((t) => t?.trim());
  return first?.trim() ?? a.uri;
}

const tagsOf = (a: Annotation): string[] => [
  ...new Set((a.tags ?? []).map((t) => t.trim()).filter(Boolean)),
];

function timeOf(iso: string | null | undefined): number | null {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

/** What the summary names a refused annotation by: its quote or its text, on its page. */
function describe(a: Annotation): string {
  const words = selectorOf(a, QuoteSelector)?.exact ?? a.text?.trim();
  return words
    ? t('background_hypothesisQuoteOn', { words: clip(words, 80), page: titleOf(a) })
    : titleOf(a);
}

function describeRow(row: unknown): string {
  const uri = typeof row === 'object' && row !== null && 'uri' in row ? row.uri : null;
  return typeof uri === 'string' && uri ? uri : t('background_hypothesisNoUri');
}

/** On one line and at most `max` characters, never cutting one in half. */
function clip(s: string, max: number): string {
  const chars = Array.from(s.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

import { tokenize } from './tokenize';

/** [start, end) UTF-16 offsets into the text that was highlighted. */
export type Range = [start: number, end: number];

/**
 * Ranges of `text` whose words are among `terms` (folded index terms, as search results list them).
 * Overlapping ranges, as CJK bigrams make, are merged.
 */
export function highlight(text: string, terms: Iterable<string>): Range[] {
  const wanted = terms instanceof Set ? (terms as ReadonlySet<string>) : new Set(terms);
  const out: Range[] = [];
  if (wanted.size === 0) return out;
  for (const t of tokenize(text)) {
    if (!wanted.has(t.term)) continue;
    const last = out[out.length - 1];
    if (last && t.start <= last[1]) last[1] = Math.max(last[1], t.end);
    else out.push([t.start, t.end]);
  }
  return out;
}

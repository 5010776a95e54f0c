/**
 * Finding a quote in a page's text again (the matching half of anchoring; the DOM half is in
 * anchor.ts). In order, each step only when the one before found nothing:
 *
 * 1. the quote exactly where its TextPositionSelector says (the page did not change before it);
 * 2. the quote exactly elsewhere, the occurrence whose prefix and suffix agree best (text was
 *    added or removed above it);
 * 3. the same two on the text with every run of whitespace read as one space (re-indented
 *    markup, a line wrapped differently);
 * 4. a fuzzy match (Myers' bit-parallel approximate matching, approx-string-match) allowing a
 *    number of errors proportional to the quote's length, first where the quote was, then in a
 *    wider window around it, then in the whole text (the matcher reports only the matches with
 *    the fewest errors, so a near copy elsewhere would hide a closer-by edited quote); each
 *    candidate is scored on the quote, its prefix and suffix and its distance from the hint, and
 *    kept only when it is good enough: close to the quote (90%) where it was, or with its context
 *    agreeing. Away from where it was, or for a short quote, the context must agree.
 *
 * Null rather than a wrong place: a highlight on the wrong text is worse than none.
 */
import search from 'approx-string-match';

export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export type AnchorKind = 'position' | 'exact' | 'normalized' | 'fuzzy';

export interface Located {
  start: number;
  end: number;
  how: AnchorKind;
}

/** Errors a fuzzy match may have, per character of the quote. */
export const ERROR_RATE = 0.3;
/** And at most this many, whatever the quote's length (Myers' cost grows with it). */
const MAX_ERRORS = 256;
/** A fuzzy match this close to the quote needs no context to agree. */
const CLOSE_ENOUGH = 0.9;
/** Otherwise its prefix and suffix must agree at least this well. */
const CONTEXT_NEEDED = 0.6;
/** Exact occurrences looked at; past that the quote is too common to tell them apart anyway. */
const MAX_OCCURRENCES = 1000;
/** A quote shorter than this found exactly away from its place needs its context to agree. */
const SHORT_QUOTE = 16;

/** The text with each run of whitespace as one space, and where each of its characters was. */
interface Collapsed {
  text: string;
  /** Raw offset of each collapsed character, and one past the end. */
  from: Int32Array;
  /** Raw offset just after each collapsed character. */
  to: Int32Array;
}

function collapse(raw: string): Collapsed {
  const from = new Int32Array(raw.length + 1);
  const to = new Int32Array(raw.length + 1);
  const out: string[] = [];
  let n = 0;
  for (let i = 0; i < raw.length;) {
    let j = i + 1;
    if (isSpace(raw.charCodeAt(i))) {
      while (j < raw.length && isSpace(raw.charCodeAt(j))) j++;
      out.push(' ');
    } else out.push(raw[i] as string);
    from[n] = i;
    to[n] = j;
    n++;
    i = j;
  }
  from[n] = raw.length;
  return { text: out.join(''), from: from.subarray(0, n + 1), to: to.subarray(0, n + 1) };
}

const collapsed = (s: string) => s.replace(/\s+/g, ' ');

function isSpace(c: number): boolean {
  // What /\s/ matches in page text: ASCII whitespace, NBSP and the Unicode spaces.
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** How well `wanted` matches `found` (1: the same, 0: nothing alike); empty context scores null. */
function similarity(found: string, wanted: string): number | null {
  if (wanted.length === 0) return null;
  if (found.length === 0) return 0;
  if (found === wanted) return 1;
  const [best] = search(found, wanted, wanted.length);
  return best ? Math.max(0, 1 - best.errors / wanted.length) : 0;
}

/** The agreement of a candidate's surroundings with the selector's prefix and suffix. */
function contextScore(text: string, start: number, end: number, q: QuoteSelector): number | null {
  const p = similarity(text.slice(Math.max(0, start - q.prefix.length), start), q.prefix);
  const s = similarity(text.slice(end, end + q.suffix.length), q.suffix);
  if (p === null && s === null) return null;
  if (p === null) return s;
  if (s === null) return p;
  return (p + s) / 2;
}

/** Closeness to the hint, 1 at it, falling to 0 a text's length away. */
const nearness = (at: number, hint: number | null, length: number) =>
  hint === null ? 0 : 1 - Math.min(1, Math.abs(at - hint) / Math.max(1, length));

/** Exact occurrences of the quote, the one whose context agrees best (ties: nearest the hint). */
function bestExact(
  text: string,
  q: QuoteSelector,
  hint: number | null,
): { start: number; end: number; context: number | null } | null {
  let best: { start: number; score: number; context: number | null } | null = null;
  let count = 0;
  for (let at = text.indexOf(q.exact); at >= 0; at = text.indexOf(q.exact, at + 1)) {
    const context = contextScore(text, at, at + q.exact.length, q);
    const score = (context ?? 0) + 0.01 * nearness(at, hint, text.length);
    if (!best || score > best.score) best = { start: at, score, context };
    if (++count >= MAX_OCCURRENCES) break;
  }
  if (!best) return null;
  if (q.exact.length < SHORT_QUOTE && best.context !== null && best.context < CONTEXT_NEEDED) {
    return null;
  }
  return { start: best.start, end: best.start + q.exact.length, context: best.context };
}

/** The best fuzzy match in text[from, to), or null when none is good enough. */
function bestFuzzy(
  text: string,
  q: QuoteSelector,
  hint: number | null,
  from: number,
  to: number,
  needContext: boolean,
): { start: number; end: number; score: number } | null {
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(q.exact.length * ERROR_RATE));
  if (maxErrors === 0) return null;
  let best: { start: number; end: number; score: number } | null = null;
  for (const m of search(text.slice(from, to), q.exact, maxErrors)) {
    const start = from + m.start;
    const end = from + m.end;
    const quote = 1 - m.errors / q.exact.length;
    const context = contextScore(text, start, end, q);
    const agrees = context !== null && context >= CONTEXT_NEEDED;
    if (!agrees && (needContext || quote < CLOSE_ENOUGH)) continue;
    // Weights as Hypothesis's client gives them: the quote most, its context, then the place.
    const score =
      (50 * quote + 20 * (context ?? quote) + 2 * nearness(start, hint, text.length)) / 72;
    if (!best || score > best.score) best = { start, end, score };
  }
  return best;
}

/** One page's text, ready to locate any number of quotes in (the collapsed form is made once). */
export class TextLocator {
  private collapsedText: Collapsed | null = null;

  constructor(readonly text: string) {}

  locate(quote: QuoteSelector, position?: { start: number } | null): Located | null {
    const { text } = this;
    if (quote.exact.trim().length === 0) return null;
    const hint =
      position && position.start >= 0 && position.start <= text.length ? position.start : null;

    // 1 and 2: the text as it is.
    if (
      hint !== null &&
      text.startsWith(quote.exact, hint) &&
      // A short quote at its old place may be another word that moved there.
      (quote.exact.length >= SHORT_QUOTE ||
        (contextScore(text, hint, hint + quote.exact.length, quote) ?? 1) >= CONTEXT_NEEDED)
    ) {
      return { start: hint, end: hint + quote.exact.length, how: 'position' };
    }
    const exact = bestExact(text, quote, hint);
    // An exact copy away from its place whose context disagrees (a repeated sentence) comes
    // after an edited quote where it was, if there is one.
    if (exact && (exact.context === null || exact.context >= CONTEXT_NEEDED || hint === null)) {
      return { start: exact.start, end: exact.end, how: 'exact' };
    }

    // 3 and 4: whitespace runs as one space, mapped back to the raw text at the end.
    const c = (this.collapsedText ??= collapse(text));
    const q = {
      exact: collapsed(quote.exact),
      prefix: collapsed(quote.prefix),
      suffix: collapsed(quote.suffix),
    };
    const hintC = hint === null ? null : toCollapsed(c, hint);
    const back = (start: number, end: number, how: AnchorKind): Located => ({
      start: c.from[start] ?? text.length,
      end: end > start ? (c.to[end - 1] ?? text.length) : (c.from[start] ?? text.length),
      how,
    });
    const loose = bestExact(c.text, q, hintC);
    if (loose && (loose.context === null || loose.context >= CONTEXT_NEEDED || hintC === null)) {
      return back(loose.start, loose.end, 'normalized');
    }
    const copy = exact
      ? { start: exact.start, end: exact.end, how: 'exact' as const }
      : loose
        ? back(loose.start, loose.end, 'normalized')
        : null;

    // Where it was first, then around there: most edits leave the quote about where it was,
    // and a window is cheaper to search than a long page.
    const short = q.exact.length < SHORT_QUOTE;
    const budget = Math.ceil(q.exact.length * ERROR_RATE);
    const windows =
      hintC === null ? [] : [2 * budget + q.prefix.length, Math.max(2 * q.exact.length, 2000)];
    for (const [i, margin] of windows.entries()) {
      const from = Math.max(0, (hintC ?? 0) - margin);
      const to = Math.min(c.text.length, (hintC ?? 0) + q.exact.length + margin);
      // Only where it was may a close match do without its context agreeing.
      const near = bestFuzzy(c.text, q, hintC, from, to, short || i > 0);
      if (near) return back(near.start, near.end, 'fuzzy');
      if (copy) return copy;
      if (from === 0 && to === c.text.length) return null;
    }
    if (copy) return copy;
    const anywhere = bestFuzzy(c.text, q, hintC, 0, c.text.length, true);
    return anywhere ? back(anywhere.start, anywhere.end, 'fuzzy') : null;
  }
}

/** The collapsed offset of a raw offset: the first collapsed character at or after it. */
function toCollapsed(c: Collapsed, raw: number): number {
  let lo = 0;
  let hi = c.from.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((c.from[mid] ?? 0) < raw) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Locates one quote in one text; for many quotes in one page, use a TextLocator. */
export const locateQuote = (
  text: string,
  quote: QuoteSelector,
  position?: { start: number } | null,
): Located | null => new TextLocator(text).locate(quote, position);

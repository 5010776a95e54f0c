/** Query text → the terms to look up. */
import { isCjk, STOP_WORDS, tokenize } from './tokenize';

/** Past this, a "query" is a pasted document; its start is what the user meant. */
const MAX_QUERY_CHARS = 256;
const MAX_QUERY_TERMS = 12;

/**
 * Words that frame a question or a wish ("how do I…", "which…", "I want to…") rather than say what
 * it is about, and the pieces of English contractions ("what's", "doesn't"). In a query with other
 * words they count only as a prefix of the word being typed; a query of nothing else keeps them, so
 * "which" and "who" still find the tools of those names. The index keeps them.
 */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(
  (
    'how what which who whom whose why when where whats hows ' +
    'do does did doing done can could should would shall may might must ' +
    'i me my mine myself we us our ours you your yours im ive ' +
    'want wanna need needs way ways please someone somebody something ' +
    's t m d ll re ve don doesn didn isn aren wasn won cant'
  ).split(' '),
);

export interface QueryTerm {
  term: string;
  /** The word being typed: also matches longer terms that start with it. */
  prefix: boolean;
  /** A stop word kept only because it may be the start of a longer word. */
  prefixOnly: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Adjacent query terms, for the phrase boost; the second may be a prefix. */
  pairs: [QueryTerm, QueryTerm][];
}

/** Null when nothing is worth searching for: empty, punctuation only, or only stop words. */
export function parseQuery(query: string): ParsedQuery | null {
  const text = query.slice(0, MAX_QUERY_CHARS);
  const tokens = tokenize(text);
  if (tokens.every((t) => STOP_WORDS.has(t.term))) return null;
  const typing = tokens.length > 0 && tokens[tokens.length - 1]!.end === text.length;
  // Question words are dropped only when something else is asked.
  const framing = tokens.some((t) => !STOP_WORDS.has(t.term) && !QUESTION_WORDS.has(t.term));

  const kept: QueryTerm[] = [];
  tokens.forEach((t, i) => {
    const last = i === tokens.length - 1;
    const prefix = last && typing && (t.term.length >= 2 || isCjk(t.term));
    const stop = STOP_WORDS.has(t.term) || (framing && QUESTION_WORDS.has(t.term));
    if (stop && !prefix) return;
    kept.push({ term: t.term, prefix, prefixOnly: stop });
  });
  const capped = kept.slice(0, MAX_QUERY_TERMS);

  const pairs: [QueryTerm, QueryTerm][] = [];
  for (let i = 1; i < capped.length; i++) {
    const [a, b] = [capped[i - 1]!, capped[i]!];
    if (a.term !== b.term && !b.prefixOnly) pairs.push([a, b]);
  }
  const seen = new Set<string>();
  const terms = capped.filter((t) => !seen.has(t.term) && seen.add(t.term));
  return { terms, pairs };
}

/**
 * Text → index terms. The same function runs at index time and at query time, so whatever it does
 * (folding, CJK bigrams, length caps) is symmetric by construction.
 */

export interface Token {
  /** Folded form: lowercase, diacritics stripped, a few ligatures expanded. */
  term: string;
  /** UTF-16 offsets into the original text, for highlighting. */
  start: number;
  end: number;
}

/** Longer "words" are hashes, base64 or minified code: cut, so they cannot bloat segments. */
const MAX_TERM_CHARS = 40;

/** CJK scripts have no spaces: a run of them is indexed as overlapping character bigrams. */
const CJK_SCRIPTS = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const CJK = new RegExp(`[${CJK_SCRIPTS}]`, 'u');
const LETTER = String.raw`[[\p{L}\p{N}\p{M}]--[${CJK_SCRIPTS}]]`;
/**
 * Cheat sheets mark mnemonics inside words ("E[x]tract", "[l]ist", as tldr-pages do): one or two
 * bracketed letters that touch a word stay part of it.
 */
const MNEMONIC = String.raw`\[[\p{L}--[${CJK_SCRIPTS}]]{1,2}\]`;
const WORD = new RegExp(
  `[${CJK_SCRIPTS}]+|(?:${MNEMONIC})?${LETTER}+(?:${MNEMONIC}${LETTER}*)*`,
  'gv',
);
/**
 * Combining marks that are accents (Latin, Greek, Cyrillic) or vowel points (Hebrew, Arabic). Marks
 * of Indic scripts carry vowels, so stripping them would merge distinct words: they stay.
 */
const ACCENTS = /[\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL = /[ßæœøłđðþı]/g;
/** Printable ASCII needs no Unicode folding: the fast path for most words. */
const ASCII = /^[ -~]*$/;

/** Lowercase and fold diacritics, so "Café" and "cafe" meet. */
export function fold(word: string): string {
  const lower = word.includes('[') ? word.toLowerCase().replace(/[[\]]/g, '') : word.toLowerCase();
  if (ASCII.test(lower)) return lower;
  // NFC afterwards recomposes what NFD split but should stay whole (Hangul syllables).
  return lower
    .normalize('NFD')
    .replace(ACCENTS, '')
    .normalize('NFC')
    .replace(SPECIAL, (c) => LETTERS[c] ?? c);
}

/** Words too common to rank by. Dropped from the index; a query of only these finds nothing. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be but by for from has have in into is it its of on or that the their then ' +
    'there these this to was were will with'
  ).split(' '),
);

/** Splits text into folded terms with their offsets. Never throws; empty text gives []. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const start = m.index;
    if (CJK.test(word[0] ?? '')) {
      pushBigrams(word, start, out);
      continue;
    }
    let term = fold(word);
    if (term.length === 0) continue;
    if (term.length > MAX_TERM_CHARS) term = term.slice(0, MAX_TERM_CHARS);
    out.push({ term, start, end: start + word.length });
  }
  return out;
}

function pushBigrams(run: string, start: number, out: Token[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    out.push({ term: run, start, end: start + run.length });
    return;
  }
  let offset = start;
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    out.push({ term: a + b, start: offset, end: offset + a.length + b.length });
    offset += a.length;
  }
}

/** True for a term that came from CJK text; such terms are prefixes already at one character. */
export function isCjk(term: string): boolean {
  return CJK.test(term[0] ?? '');
}

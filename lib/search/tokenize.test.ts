import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withinOneEdit } from './fuzzy';
import { highlight } from './highlight';
import { parseQuery } from './query';
import { fold, tokenize } from './tokenize';

const terms = (text: string): string[] => tokenize(text).map((t) => t.term);

describe('tokenize', () => {
  it('lowercases, folds diacritics and keeps offsets into the original text', () => {
    const text = 'Crème Brûlée, NAÏVE straße';
    expect(terms(text)).toEqual(['creme', 'brulee', 'naive', 'strasse']);
    const [, brulee] = tokenize(text);
    expect(text.slice(brulee!.start, brulee!.end)).toBe('Brûlée');
  });

  it('splits on punctuation, keeps digits', () => {
    expect(terms('git-reset --hard HEAD~1; node.js v20')).toEqual([
      'git',
      'reset',
      'hard',
      'head',
      '1',
      'node',
      'js',
      'v20',
    ]);
  });

  it('keeps mnemonic brackets inside words, as cheat sheets write them', () => {
    expect(terms('E[x]tract a [c]ompressed file [v]erbosely')).toEqual([
      'extract',
      'a',
      'compressed',
      'file',
      'verbosely',
    ]);
  });

  it('indexes CJK runs as bigrams, a lone character as itself', () => {
    expect(terms('東京都に住む')).toEqual(['東京', '京都', '都に', 'に住', '住む']);
    expect(terms('猫 and cat')).toEqual(['猫', 'and', 'cat']);
    const text = 'see 東京';
    const [, tokyo] = tokenize(text);
    expect(text.slice(tokyo!.start, tokyo!.end)).toBe('東京');
  });

  it('keeps Hangul syllables whole and strips Hebrew and Arabic vowel points', () => {
    expect(terms('한국어')).toEqual(['한국', '국어']);
    expect(terms('שָׁלוֹם')).toEqual(['שלום']);
    expect(terms('مَرْحَبًا')).toEqual(['مرحبا']);
  });

  it('cuts absurdly long words', () => {
    expect(terms('x'.repeat(500))[0]).toHaveLength(40);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) =>
        tokenize(s).every((t) => t.term.length > 0 && t.end > t.start),
      ),
    );
    expect(terms('')).toEqual([]);
    expect(terms('🎉🔥 .*+?^${}()|[]\\ ')).toEqual([]);
  });

  it('folds the same way on both sides', () => {
    expect(fold('ÉCOLE')).toBe(fold('ecole'));
    expect(fold('Ångström')).toBe('angstrom');
  });
});

describe('parseQuery', () => {
  it('treats the word being typed as a prefix, a finished one not', () => {
    expect(parseQuery('git com')!.terms.map((t) => t.prefix)).toEqual([false, true]);
    expect(parseQuery('git com ')!.terms.map((t) => t.prefix)).toEqual([false, false]);
    expect(parseQuery('git c')!.terms.map((t) => t.prefix)).toEqual([false, false]);
  });

  it('drops stop words but keeps a typed one as a possible prefix', () => {
    expect(parseQuery('undo the last commit ')!.terms.map((t) => t.term)).toEqual([
      'undo',
      'last',
      'commit',
    ]);
    const q = parseQuery('git to')!;
    expect(q.terms[1]).toEqual({ term: 'to', prefix: true, prefixOnly: true });
    expect(q.pairs).toHaveLength(0);
  });

  it('drops the words that frame a question, unless nothing else is asked', () => {
    const words = (q: string): string[] => parseQuery(q)!.terms.map((t) => t.term);
    expect(words("how do I see what's using port 8080 ")).toEqual(['see', 'using', 'port', '8080']);
    expect(words('which process')).toEqual(['process']);
    expect(words('which ')).toEqual(['which']);
    expect(words('who ')).toEqual(['who']);
    // A typed one may still be the start of a word: "whic" → "which", "do" → "docker".
    expect(parseQuery('logs do')!.terms[1]).toMatchObject({ term: 'do', prefixOnly: true });
  });

  it('gives null for nothing searchable', () => {
    for (const q of ['', '   ', 'the of and', '?!*', '🎉']) expect(parseQuery(q)).toBeNull();
  });

  it('caps very long queries', () => {
    const q = parseQuery('word '.repeat(2000) + 'x'.repeat(10_000))!;
    expect(q.terms.length).toBeLessThanOrEqual(12);
    const many = parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))!;
    expect(many.terms).toHaveLength(12);
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['grep', 'grpe', true],
    ['docker', 'dokcer', true],
    ['ffmpeg', 'ffmpg', true],
    ['chmod', 'chmdo', true],
    ['rsync', 'rsyncc', true],
    ['kubectl', 'kubect', true],
    ['tar', 'tra', true],
    ['docker', 'docker', true],
    ['grep', 'gerp', true],
    ['grep', 'gpre', false],
    ['docker', 'dcokre', false],
    ['abc', 'abcde', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe('highlight', () => {
  it('marks whole words that match, merging CJK bigram overlaps', () => {
    const text = 'Undo the last Commit; commits too';
    expect(highlight(text, ['commit', 'undo'])).toEqual([
      [0, 4],
      [14, 20],
    ]);
    expect(highlight('住在東京都', ['東京', '京都'])).toEqual([[2, 5]]);
    expect(highlight('anything', [])).toEqual([]);
  });
});

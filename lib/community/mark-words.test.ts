import { describe, expect, it } from 'vitest';
import { markKinds, noteProblem } from '../wire';
import { markNoteProblem, markWords } from './mark-words';

describe('marks in words', () => {
  it('says what lib/wire refuses, as a sentence', () => {
    expect(markNoteProblem('helped', true, 'x'.repeat(281))).toBe(
      'A note on “Helped me” is at most 280 characters.',
    );
    const notes = [undefined, '', ' ', 'a story', 'two\nlines', 'x'.repeat(5000)];
    for (const kind of markKinds)
      for (const on of [true, false])
        for (const note of notes) {
          const english = noteProblem(kind, on, note);
          const sentence = english && `${english[0]!.toUpperCase()}${english.slice(1)}.`;
          expect(markNoteProblem(kind, on, note), `${kind} ${on} ${note}`).toBe(sentence);
        }
  });

  it('names every mark', () => {
    expect(markWords('needs_update')).toBe('“Needs an update”');
  });
});

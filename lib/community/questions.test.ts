import { describe, expect, it } from 'vitest';
import type { Mark } from '../wire';
import { answeredBy, marked, meToo, newAnswers } from '.';

const mark = (kind: Mark['kind'], memberId: string, on = true): Mark => ({
  kind,
  on,
  memberId,
  name: memberId,
  team: null,
  at: 1,
  markedAt: 1,
});

describe('questions', () => {
  it('counts the standing "Me too" marks only', () => {
    const marks = [mark('me_too', 'ben'), mark('me_too', 'cleo', false), mark('helped', 'dan')];
    expect(meToo(marks).map((m) => m.memberId)).toEqual(['ben']);
    expect(marked(marks, 'me_too', 'ben')).toBe(true);
    expect(marked(marks, 'me_too', 'cleo')).toBe(false);
  });

  it('announces each answer to the member’s own questions once, never their own tips', () => {
    const asked = [
      {
        question: { id: 'q1', title: 'Merge queue?', authorId: 'ana' },
        answers: [
          { id: 't1', title: 'Use the label', author: 'Ben', authorId: 'ben' },
          { id: 't2', title: 'My own note', author: 'Ana', authorId: 'ana' },
          { id: 't3', title: 'Seen already', author: 'Cleo', authorId: 'cleo' },
        ],
      },
      {
        question: { id: 'q2', title: 'Also queue?', authorId: 'ana' },
        answers: [{ id: 't1', title: 'Use the label', author: 'Ben', authorId: 'ben' }],
      },
      {
        question: { id: 'q3', title: 'Someone else’s', authorId: 'ben' },
        answers: [{ id: 't4', title: 'Answer', author: 'Cleo', authorId: 'cleo' }],
      },
    ];
    expect(newAnswers(asked, 'ana', new Set(['t3']))).toEqual([
      {
        tipId: 't1',
        tipTitle: 'Use the label',
        questionId: 'q1',
        questionTitle: 'Merge queue?',
        by: 'Ben',
      },
    ]);
    expect(newAnswers(asked, 'ana', new Set(['t1', 't3']))).toEqual([]);
  });

  it('names who answered', () => {
    expect(answeredBy(['Ben'])).toBe('Answered by Ben');
    expect(answeredBy(['Ben', 'Cleo', 'Ben', 'Dan'])).toBe('Answered by Ben, Cleo and Dan');
  });
});

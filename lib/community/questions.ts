/**
 * Questions (docs/community.md): who stands with one ("Me too"), who may close it, and which
 * answers its asker has not been told of yet. Pure: what was announced is an argument.
 */
import { formatList, t } from '../i18n';
import type { Mark } from '../wire';

/** The members whose "Me too" stands on a question. */
export function meToo(marks: readonly Mark[]): Mark[] {
  return marks.filter((m) => m.kind === 'me_too' && m.on);
}

/** Whether this member's mark of this kind stands. */
export function marked(marks: readonly Mark[], kind: Mark['kind'], memberId: string): boolean {
  return marks.some((m) => m.kind === kind && m.on && m.memberId === memberId);
}

export interface AskedQuestion {
  id: string;
  title: string;
  authorId?: string;
}

export interface AnsweringTip {
  id: string;
  title: string;
  author: string | null;
  authorId?: string;
}

export interface NewAnswer {
  tipId: string;
  tipTitle: string;
  questionId: string;
  questionTitle: string;
  /** Who answered, as they signed the tip. */
  by: string;
}

/**
 * The answers to this member's own questions they were not told of yet: each tip once (a tip
 * answering two of their questions is one notice), never their own tips.
 */
export function newAnswers(
  asked: readonly { question: AskedQuestion; answers: readonly AnsweringTip[] }[],
  memberId: string,
  announced: ReadonlySet<string>,
): NewAnswer[] {
  const found = new Map<string, NewAnswer>();
  for (const { question, answers } of asked) {
    if (question.authorId !== memberId) continue;
    for (const tip of answers) {
      if (tip.authorId === memberId || announced.has(tip.id) || found.has(tip.id)) continue;
      found.set(tip.id, {
        tipId: tip.id,
        tipTitle: tip.title,
        questionId: question.id,
        questionTitle: question.title,
        by: tip.author ?? t('background_someMember'),
      });
    }
  }
  return [...found.values()];
}

/** "Answered by Ben", "Answered by Ben and Cleo", "Answered by Ben, Cleo and Dan". */
export function answeredBy(names: readonly string[]): string {
  const unique = [...new Set(names)];
  return t('background_answeredBy', {
    names: unique.length > 0 ? formatList(unique) : t('background_someMember'),
  });
}

/**
 * Questions on the pages a member visits and answers to their own: the panel's "1 open question
 * here" and the Answered notice. Open questions and their answers are in the related index
 * (lib/related: `q:` and `a:` keys), so neither reads every item.
 */
import {
  getItemMeta,
  listMemberships,
  relatedStore,
  type Membership,
  type RepertoireDb,
} from '../db';
import { marked, meToo, newAnswers, type NewAnswer } from '../community';
import type { PanelQuestion } from '../messaging';
import { PersistedRelated, type RelatedHit } from '../related';
import { announcedAnswers } from '../repertoire';

const memberIn = (memberships: readonly Membership[], community: string) =>
  memberships.find((m) => m.communityId === community)?.memberId;

/** The open questions among a URL's hits, as the panel shows them. */
export async function questionsHere(
  db: RepertoireDb,
  hits: readonly RelatedHit[],
): Promise<PanelQuestion[]> {
  const questions = hits.filter((hit) => hit.entry.kind === 'question');
  if (questions.length === 0) return [];
  const memberships = await listMemberships(db);
  return Promise.all(
    questions.map(async ({ entry }) => {
      const me = memberIn(memberships, entry.community) ?? '';
      const marks = (await getItemMeta(db, entry.id))?.marks ?? [];
      return {
        id: entry.id,
        title: entry.title,
        text: entry.text,
        author: entry.author,
        meToo: meToo(marks).filter((m) => m.memberId !== entry.authorId).length,
        meTooMine: marked(marks, 'me_too', me),
        mine: entry.authorId !== undefined && entry.authorId === me,
      };
    }),
  );
}

/** Answers to the member's open questions, in every joined community, not announced yet. */
export async function unannouncedAnswers(
  db: RepertoireDb,
  index: PersistedRelated,
): Promise<NewAnswer[]> {
  const [memberships, announced] = await Promise.all([
    listMemberships(db),
    announcedAnswers.getValue(),
  ]);
  const seen = new Set(announced);
  const found: NewAnswer[] = [];
  for (const { communityId, memberId } of memberships) {
    const mine = (await index.questions(communityId)).filter((q) => q.authorId === memberId);
    const asked = await Promise.all(
      mine.map(async (question) => ({ question, answers: await index.answers(question.id) })),
    );
    found.push(...newAnswers(asked, memberId, seen));
  }
  return found;
}

/**
 * Whether the popup offers "Ask about this page": a web page no tip applies to. Reads only the
 * records the URL looks up, as a navigation does.
 */
export async function askablePage(db: RepertoireDb, url: string | null): Promise<boolean> {
  if (!url || !/^https?:/i.test(url)) return false;
  const hits = await new PersistedRelated(relatedStore(db)).match(url);
  return !hits.some(({ entry }) => entry.kind === 'tip');
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import { getItemMeta, listMemberships, relatedStore, type RepertoireDb } from '@/lib/db';
import { meToo, type NewAnswer } from '@/lib/community';
import { PersistedRelated, type RelatedEntry } from '@/lib/related';
import { unannouncedAnswers } from '@/lib/related-tabs';
import { announcedAnswers } from '@/lib/repertoire';
import type { Item } from '@/lib/wire';

export interface OpenQuestion {
  entry: RelatedEntry;
  /** Members whose "Me too" stands, the asker's not counted. */
  meToo: number;
  answers: RelatedEntry[];
}

/**
 * The community's open questions (from the related index, which lists them: no item is read
 * but the questions' own marks), the member's id there, and the answers to their questions
 * not announced yet, which are announced once: remembered as soon as they are shown.
 */
export function useQuestions(db: RepertoireDb | undefined, community: string | null) {
  const [open, setOpen] = useState<OpenQuestion[] | null>(null);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [notices, setNotices] = useState<NewAnswer[]>([]);

  const load = useCallback(async () => {
    if (!db || !community) return;
    const index = new PersistedRelated(relatedStore(db));
    const [entries, memberships] = await Promise.all([
      index.questions(community),
      listMemberships(db),
    ]);
    const questions = await Promise.all(
      entries.map(async (entry) => {
        const marks = (await getItemMeta(db, entry.id))?.marks ?? [];
        const others = meToo(marks).filter((m) => m.memberId !== entry.authorId);
        return { entry, meToo: others.length, answers: await index.answers(entry.id) };
      }),
    );
    setOpen(questions);
    setMemberId(memberships.find((m) => m.communityId === community)?.memberId ?? null);
    const fresh = await unannouncedAnswers(db, index);
    if (fresh.length > 0) {
      setNotices((shown) => [
        ...shown,
        ...fresh.filter((n) => !shown.some((s) => s.tipId === n.tipId)),
      ]);
      const announced = await announcedAnswers.getValue();
      await announcedAnswers.setValue([...new Set([...announced, ...fresh.map((n) => n.tipId)])]);
    }
  }, [db, community]);
  useEffect(() => void load(), [load]);

  const dismiss = useCallback(() => setNotices([]), []);
  /** Whether this member asked one of the open questions this item (a tip) answers. */
  const asked = useCallback(
    (item: Item) =>
      item.kind === 'tip' &&
      memberId !== null &&
      (open ?? []).some(
        (q) => q.entry.authorId === memberId && (item.answers ?? []).includes(q.entry.id),
      ),
    [open, memberId],
  );
  return { open, memberId, notices, dismiss, asked, load };
}

export type Questions = ReturnType<typeof useQuestions>;

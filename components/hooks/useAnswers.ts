import { useEffect, useState } from 'preact/hooks';
import { relatedStore, type RepertoireDb } from '@/lib/db';
import { PersistedRelated, type RelatedEntry } from '@/lib/related';

/**
 * The tips answering a question, from its `a:` record in the related index: open or closed, a
 * question keeps its answers. Read again at each generation (after a write or a sync); null
 * while reading.
 */
export function useAnswers(
  db: RepertoireDb | undefined,
  questionId: string | null,
  generation: number,
): RelatedEntry[] | null {
  const [read, setRead] = useState<{ id: string; answers: RelatedEntry[] } | null>(null);
  useEffect(() => {
    if (!db || !questionId) return;
    let live = true;
    void new PersistedRelated(relatedStore(db)).answers(questionId).then((answers) => {
      if (live) setRead({ id: questionId, answers });
    });
    return () => {
      live = false;
    };
  }, [db, questionId, generation]);
  // Another question's answers, still shown from before, are not this one's.
  return read && read.id === questionId ? read.answers : null;
}

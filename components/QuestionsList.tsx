import type { OpenQuestion } from './hooks/useQuestions';
import { formatDate } from '@/lib/ui';
import { ResultList } from './ResultList';

interface Props {
  questions: readonly OpenQuestion[] | null;
  onOpen: (id: string) => void;
  onAsk: () => void;
  onBack: () => void;
}

export const countLine = (n: number) => `${n} open ${n === 1 ? 'question' : 'questions'}`;

const answersLine = (n: number) =>
  n === 0 ? 'no answer yet' : `${n} ${n === 1 ? 'answer' : 'answers'}`;

/** The community's open questions, newest first: asker, date, "Me too" count and answers. */
export function QuestionsList({ questions, onOpen, onAsk, onBack }: Props) {
  return (
    <section class="questions-list" aria-labelledby="questions-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          Back to results
        </button>
        <button type="button" onClick={onAsk}>
          Ask a question
        </button>
      </div>
      <h1 id="questions-title">Open questions</h1>
      {questions === null ? (
        <p class="empty">Loading the questions…</p>
      ) : questions.length === 0 ? (
        <p class="empty">No open questions. Ask one, or answer the next one you see.</p>
      ) : (
        <ResultList
          label="Open questions"
          onOpen={onOpen}
          entries={questions.map(({ entry, meToo, answers }) => ({
            id: entry.id,
            kind: 'question',
            title: entry.title,
            detail: [
              entry.author ?? 'a member',
              formatDate(entry.createdAt),
              meToo > 0 ? `${meToo} Me too` : '',
              answersLine(answers.length),
            ]
              .filter(Boolean)
              .join(' · '),
          }))}
        />
      )}
    </section>
  );
}

import type { OpenQuestion } from './hooks/useQuestions';
import { t, tn } from '@/lib/i18n';
import { formatDate } from '@/lib/ui';
import { ResultList } from './ResultList';

interface Props {
  questions: readonly OpenQuestion[] | null;
  onOpen: (id: string) => void;
  onAsk: () => void;
  onBack: () => void;
}

export const countLine = (n: number) => tn('library_openQuestions', n);

const answersLine = (n: number) =>
  n === 0 ? t('library_noAnswerYet') : tn('library_answerCount', n);

/** The community's open questions, newest first: asker, date, "Me too" count and answers. */
export function QuestionsList({ questions, onOpen, onAsk, onBack }: Props) {
  return (
    <section class="questions-list" aria-labelledby="questions-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          {t('library_backToResults')}
        </button>
        <button type="button" onClick={onAsk}>
          {t('library_askAQuestion')}
        </button>
      </div>
      <h1 id="questions-title">{t('library_openQuestionsTitle')}</h1>
      {questions === null ? (
        <p class="empty">{t('library_loadingQuestions')}</p>
      ) : questions.length === 0 ? (
        <p class="empty">{t('library_noOpenQuestions')}</p>
      ) : (
        <ResultList
          label={t('library_openQuestionsTitle')}
          onOpen={onOpen}
          entries={questions.map(({ entry, meToo, answers }) => ({
            id: entry.id,
            kind: 'question',
            title: entry.title,
            detail: [
              entry.author ?? t('library_aMember'),
              formatDate(entry.createdAt),
              meToo > 0 ? tn('library_meTooCount', meToo) : '',
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

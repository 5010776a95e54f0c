import { useState } from 'preact/hooks';
import { t, tn } from '@/lib/i18n';
import type { PanelQuestion } from '@/lib/messaging';

interface Props {
  questions: readonly PanelQuestion[];
  /** Resolves once the background stored the mark; rejects with a sentence if it could not. */
  onMeToo: (id: string, on: boolean) => Promise<void>;
  onAnswer: (id: string) => void;
}

export const questionsHereLine = (n: number) => tn('popup_panelQuestionsHere', n);

/**
 * The open questions that apply to this page, in the in-page panel: other members' text, shown
 * as text; "Me too" (not for the asker) and "Answer with a tip".
 */
export function PanelQuestions({ questions, onMeToo, onAnswer }: Props) {
  // A click's "Me too", shown until the background's next list says the same.
  const [pressed, setPressed] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [error, setError] = useState<string | null>(null);
  if (questions.length === 0) return null;
  const on = (q: PanelQuestion) => pressed.get(q.id) ?? q.meTooMine;
  const toggle = (q: PanelQuestion) => {
    const next = !on(q);
    setError(null);
    setPressed((m) => new Map(m).set(q.id, next));
    onMeToo(q.id, next).catch((e: unknown) => {
      setPressed((m) => {
        const back = new Map(m);
        back.delete(q.id);
        return back;
      });
      setError(t('popup_panelMeTooNotSaved', { error: String((e as Error).message ?? e) }));
    });
  };
  return (
    <>
      <p class="section" aria-hidden="true">
        {questionsHereLine(questions.length)}
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <ul aria-label={questionsHereLine(questions.length)} class="questions">
        {questions.map((q) => {
          // The background's count has the member's own mark in it once stored.
          const others = q.meToo - (q.meTooMine ? 1 : 0);
          const count = others + (on(q) ? 1 : 0);
          return (
            <li key={q.id}>
              <h2 dir="auto">{q.title}</h2>
              {q.text ? <p dir="auto">{q.text}</p> : null}
              <p class="meta">
                {[
                  q.mine
                    ? t('popup_panelYouAsked')
                    : q.author
                      ? t('popup_panelAskedBy', { name: q.author })
                      : t('popup_panelAskedByMember'),
                  count > 0 ? tn('popup_panelMeTooCount', count) : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <div class="actions">
                {q.mine ? null : (
                  <button type="button" aria-pressed={on(q)} onClick={() => toggle(q)}>
                    {on(q) ? `${t('popup_meToo')} ✓` : t('popup_meToo')}
                  </button>
                )}
                <button type="button" onClick={() => onAnswer(q.id)}>
                  {t('popup_answerWithTip')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

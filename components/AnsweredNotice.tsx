import type { NewAnswer } from '@/lib/community';
import { t } from '@/lib/i18n';
import { Rich } from './Rich';

interface Props {
  notices: readonly NewAnswer[];
  onOpen: (tipId: string) => void;
  onDismiss: () => void;
}

/** "Answered by Ben": answers to the member's questions, told once. Names and titles as text. */
export function AnsweredNotice({ notices, onOpen, onDismiss }: Props) {
  if (notices.length === 0) return null;
  return (
    <section class="notice answered" role="status" aria-label={t('popup_answersToYourQuestions')}>
      {notices.map((n) => (
        <p key={n.tipId} dir="auto">
          <Rich
            text={t('popup_answeredBy', { name: n.by, question: n.questionTitle })}
            parts={{ by: (text) => <strong>{text}</strong> }}
          />{' '}
          <button type="button" class="link" onClick={() => onOpen(n.tipId)}>
            {t('popup_openTheAnswer', { title: n.tipTitle })}
          </button>
        </p>
      ))}
      <button type="button" class="quiet" onClick={onDismiss}>
        {t('popup_dismiss')}
      </button>
    </section>
  );
}

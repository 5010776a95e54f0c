import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ItemMeta } from '@/lib/db';
import { t } from '@/lib/i18n';
import type { RelatedEntry } from '@/lib/related';
import { formatDate } from '@/lib/ui';
import type { QuestionItem } from '@/lib/wire';

interface Props {
  item: QuestionItem;
  meta?: ItemMeta;
  /** Tips whose `answers` name this question, newest first; null while they are read. */
  answers: readonly RelatedEntry[] | null;
  /** This member's id in the question's community; null in none. */
  memberId: string | null;
  /** Given only to its asker and stewards (lib/wire/authz.ts). */
  onClose?: () => void;
  onMeToo: (on: boolean) => void;
  onAnswer: () => void;
  onOpen: (id: string) => void;
  onBack: () => void;
}

/** One question: its details as text, what it is about, who stands with it, and its answers. */
export function QuestionView({
  item,
  meta,
  answers,
  memberId,
  onClose,
  onMeToo,
  onAnswer,
  onOpen,
  onBack,
}: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), [item.id]);
  const meToo = (meta?.marks ?? []).filter(
    (m) => m.kind === 'me_too' && m.on && m.memberId !== item.authorId,
  );
  const asker = memberId !== null && item.authorId === memberId;
  const mine = meToo.some((m) => m.memberId === memberId);
  return (
    <article class="item" aria-labelledby="question-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          {t('library_backToResults')}
        </button>
        {onClose && item.closedAt === null ? (
          <button type="button" onClick={onClose}>
            {t('library_closeQuestion')}
          </button>
        ) : null}
      </div>
      <h1 id="question-title" tabIndex={-1} ref={heading} dir="auto">
        {item.title || t('library_untitled')}
      </h1>
      <p class="meta">
        {item.closedAt === null
          ? t('library_askedOpen', {
              author: item.author ?? t('library_aMember'),
              date: formatDate(item.createdAt),
            })
          : t('library_askedClosed', {
              author: item.author ?? t('library_aMember'),
              date: formatDate(item.createdAt),
              closed: formatDate(item.closedAt),
            })}
      </p>
      {item.details ? (
        <p class="details" dir="auto">
          {item.details}
        </p>
      ) : null}
      <p class="meta">
        {item.appliesTo.length > 0
          ? t('library_appliesTo', { sites: item.appliesTo.join(', ') })
          : t('library_appliesToNothing')}
      </p>
      <p class="meta">
        {meToo.length === 0
          ? t('library_nobodyMeToo')
          : t('library_meTooNames', { names: meToo.map((m) => m.name).join(', ') })}
      </p>
      <div class="toolbar">
        {asker || item.closedAt !== null ? null : (
          <button type="button" aria-pressed={mine} onClick={() => onMeToo(!mine)}>
            {mine ? t('library_meTooOn') : t('library_meToo')}
          </button>
        )}
        {item.closedAt === null ? (
          <button type="button" class="primary" onClick={onAnswer}>
            {t('library_answerWithTip')}
          </button>
        ) : null}
      </div>
      <h2>{t('library_answers')}</h2>
      {answers === null ? (
        <p class="empty">{t('library_readingAnswers')}</p>
      ) : answers.length === 0 ? (
        <p class="empty">{t('library_noAnswer')}</p>
      ) : (
        <ul class="answers" aria-label={t('library_answers')}>
          {answers.map((tip) => (
            <li key={tip.id}>
              <button type="button" class="link" onClick={() => onOpen(tip.id)}>
                <span dir="auto">{tip.title}</span>
              </button>{' '}
              <span class="meta">
                {t('library_byAuthor', { author: tip.author ?? t('library_aMember') })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

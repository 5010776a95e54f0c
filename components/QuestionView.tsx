import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ItemMeta } from '@/lib/db';
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
          Back to results
        </button>
        {onClose && item.closedAt === null ? (
          <button type="button" onClick={onClose}>
            Close question
          </button>
        ) : null}
      </div>
      <h1 id="question-title" tabIndex={-1} ref={heading} dir="auto">
        {item.title || '(untitled)'}
      </h1>
      <p class="meta">
        {[
          `Asked by ${item.author ?? 'a member'}`,
          formatDate(item.createdAt),
          item.closedAt === null ? 'open' : `closed ${formatDate(item.closedAt)}`,
        ].join(' · ')}
      </p>
      {item.details ? (
        <p class="details" dir="auto">
          {item.details}
        </p>
      ) : null}
      <p class="meta">
        Applies to:{' '}
        {item.appliesTo.length > 0 ? item.appliesTo.join(', ') : 'nothing in particular'}
      </p>
      <p class="meta">
        {meToo.length === 0
          ? 'Nobody has said “Me too” yet.'
          : `Me too: ${meToo.map((m) => m.name).join(', ')}`}
      </p>
      <div class="toolbar">
        {asker || item.closedAt !== null ? null : (
          <button type="button" aria-pressed={mine} onClick={() => onMeToo(!mine)}>
            {mine ? 'Me too ✓' : 'Me too'}
          </button>
        )}
        {item.closedAt === null ? (
          <button type="button" class="primary" onClick={onAnswer}>
            Answer with a tip
          </button>
        ) : null}
      </div>
      <h2>Answers</h2>
      {answers === null ? (
        <p class="empty">Reading the answers…</p>
      ) : answers.length === 0 ? (
        <p class="empty">No answer yet.</p>
      ) : (
        <ul class="answers" aria-label="Answers">
          {answers.map((tip) => (
            <li key={tip.id}>
              <button type="button" class="link" onClick={() => onOpen(tip.id)}>
                <span dir="auto">{tip.title}</span>
              </button>{' '}
              <span class="meta">by {tip.author ?? 'a member'}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

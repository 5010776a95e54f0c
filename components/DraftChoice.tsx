import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { TipDraft } from '@/lib/messaging';

interface Props {
  draft: TipDraft;
  /** The title of the question about to be answered. */
  answering: string;
  onReplace: () => void;
  onKeep: () => void;
}

/**
 * Asked before "Answer with a tip" takes the place of an unfinished tip about something else:
 * there is one draft, and what was typed in it is not dropped unasked.
 */
export function DraftChoice({ draft, answering, onReplace, onKeep }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <section class="draft-choice" aria-labelledby="draft-choice-title">
      <h1 id="draft-choice-title" tabIndex={-1} ref={heading}>
        {t('popup_unfinishedTip')}
      </h1>
      <p dir="auto">
        {t('popup_unfinishedTipReplace', {
          draft: draft.title.trim() || draft.body.trim().slice(0, 80) || draft.tags,
          question: answering,
        })}
      </p>
      <div class="toolbar">
        <button type="button" class="primary" onClick={onReplace}>
          {t('popup_replaceIt')}
        </button>
        <button type="button" onClick={onKeep}>
          {t('popup_keepIt')}
        </button>
      </div>
    </section>
  );
}

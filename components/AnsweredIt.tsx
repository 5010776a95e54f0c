import { useState } from 'preact/hooks';
import type { ItemMeta } from '@/lib/db';
import { t } from '@/lib/i18n';
import { MARK_RULES } from '@/lib/wire';

interface Props {
  meta?: ItemMeta;
  memberId: string | null;
  /** Whether this member asked a question the tip answers: only they are offered the mark. */
  asker: boolean;
  onMark: (story: string) => void;
}

/** "It answered your question: “…”", or Ana's: `name` null for the member looking. */
function answeredLine(name: string | null, story: string | undefined): string {
  if (name === null)
    return story ? t('popup_answeredYoursStory', { story }) : t('popup_answeredYours');
  return story
    ? t('popup_answeredTheirsStory', { name, story })
    : t('popup_answeredTheirs', { name });
}

/**
 * Who this tip answered, with their stories, for everyone; and "This answered it", offered to
 * the asker with an optional one-line story. Names and stories are other members' text.
 */
export function AnsweredIt({ meta, memberId, asker, onMark }: Props) {
  const [story, setStory] = useState('');
  const answered = (meta?.marks ?? []).filter((m) => m.kind === 'answered' && m.on);
  const list =
    answered.length > 0 ? (
      <ul class="stories" aria-label={t('popup_itAnswered')}>
        {answered.map((m) => (
          <li key={m.memberId} class="meta" dir="auto">
            {answeredLine(m.memberId === memberId ? null : m.name, m.note)}
          </li>
        ))}
      </ul>
    ) : null;
  if (!asker || answered.some((m) => m.memberId === memberId)) return list;
  return (
    <>
      {list}
      <form
        class="answered-it"
        aria-label={t('popup_thisAnsweredYourQuestion')}
        onSubmit={(e) => {
          e.preventDefault();
          onMark(story);
        }}
      >
        <label for="answered-story">{t('popup_answeredStoryLabel')}</label>
        <input
          id="answered-story"
          type="text"
          maxLength={MARK_RULES.answered.noteChars}
          value={story}
          onInput={(e) => setStory((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="primary">
          {t('popup_thisAnsweredIt')}
        </button>
      </form>
    </>
  );
}

import { useState } from 'preact/hooks';
import { markedBy, markNoteProblem, standing, stateLines } from '@/lib/community';
import { t, tn } from '@/lib/i18n';
import { MARK_RULES } from '@/lib/wire';
import type { ItemSignals as Signals } from './hooks/useItemSignals';
import { StateLines } from './StateLines';

/**
 * What members say of an item: "Helped me" with their stories, "I vouch for this", and for a
 * shared tip its state with "Still accurate", "Needs an update" and, for its author or a steward,
 * "Retire". Other members' names and stories are text. A Personal item has only "Helped me".
 */
export function ItemSignals({ signals }: { signals: Signals }) {
  const { item, shared, marks, mine, review, now, error, notice } = signals;
  const [story, setStory] = useState('');
  const [storyError, setStoryError] = useState<string | null>(null);
  const [flagging, setFlagging] = useState(false);
  const [flag, setFlag] = useState('');
  const [flagError, setFlagError] = useState<string | null>(null);
  const [askedAccurate, setAskedAccurate] = useState(false);
  const clipped = item.kind === 'page' || item.kind === 'snippet' || item.kind === 'tip';
  if (!clipped) return null;

  const helped = standing(marks, 'helped');
  const vouched = standing(marks, 'vouch');
  const helpedByMe = !!mine('helped');

  const toggleHelped = async () => {
    if (helpedByMe) return void (await signals.mark('helped', false));
    const note = story.trim() === '' ? undefined : story.trim();
    const problem = markNoteProblem('helped', true, note);
    if (problem) return setStoryError(problem);
    setStoryError(null);
    // The story stays in its field until it is stored: nothing typed is lost on a refusal.
    if (await signals.mark('helped', true, note)) {
      setStory('');
      if (review?.due) setAskedAccurate(true);
    }
  };

  const sendFlag = async () => {
    const note = flag.trim() === '' ? undefined : flag.trim();
    const problem = markNoteProblem('needs_update', true, note);
    if (problem) return setFlagError(problem);
    setFlagError(null);
    if (await signals.mark('needs_update', true, note)) {
      setFlag('');
      setFlagging(false);
    }
  };

  return (
    <section class="signals" aria-label={t('popup_signals')}>
      {review ? <StateLines lines={stateLines(review, marks, now)} /> : null}
      <div class="toolbar">
        <button type="button" aria-pressed={helpedByMe} onClick={() => void toggleHelped()}>
          {t('popup_helpedMe')}
        </button>
        {shared ? (
          <button
            type="button"
            aria-pressed={!!mine('vouch')}
            onClick={() => void signals.mark('vouch', !mine('vouch'))}
          >
            {t('popup_iVouch')}
          </button>
        ) : null}
      </div>
      {shared && !helpedByMe ? (
        <div class="field">
          <label for="helped-story">{t('popup_helpedStoryLabel')}</label>
          <input
            id="helped-story"
            type="text"
            value={story}
            aria-invalid={storyError ? true : undefined}
            aria-describedby="helped-story-hint"
            onInput={(e) => setStory((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => e.key === 'Enter' && void toggleHelped()}
          />
          <p id="helped-story-hint" class={storyError ? 'field-error' : 'hint'}>
            {storyError ?? t('popup_helpedStoryHint', { max: MARK_RULES.helped.noteChars })}
          </p>
        </div>
      ) : null}
      {askedAccurate && review?.due ? (
        <p role="group" aria-label={t('popup_stillAccurateQuestion')}>
          {t('popup_dueStillAccurate')}{' '}
          <button type="button" onClick={() => void signals.mark('verified', true)}>
            {t('popup_yesStillAccurate')}
          </button>
        </p>
      ) : null}
      {shared && helped.length > 0 ? (
        <>
          <p class="meta">{tn('popup_helpedMembers', helped.length)}</p>
          <ul class="stories" aria-label={t('popup_whoItHelped')}>
            {helped.map((m) => (
              <li key={m.memberId} dir="auto">
                {m.note
                  ? t('popup_markedWithStory', { who: markedBy(m), story: m.note })
                  : markedBy(m)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {vouched.length > 0 ? (
        <p class="meta">
          {t('popup_vouchedBy', { names: vouched.map((m) => markedBy(m)).join(', ') })}
        </p>
      ) : null}
      {review && !review.retired ? (
        <div class="toolbar">
          <button type="button" onClick={() => void signals.mark('verified', true)}>
            {t('popup_stillAccurate')}
          </button>
          <button type="button" aria-expanded={flagging} onClick={() => setFlagging(!flagging)}>
            {t('popup_needsUpdate')}
          </button>
        </div>
      ) : null}
      {flagging ? (
        <form
          aria-label={t('popup_needsUpdate')}
          onSubmit={(e) => {
            e.preventDefault();
            void sendFlag();
          }}
        >
          <div class="field">
            <label for="flag-note">{t('popup_whatIsOutOfDate')}</label>
            <textarea
              id="flag-note"
              rows={2}
              value={flag}
              aria-invalid={flagError ? true : undefined}
              aria-describedby="flag-note-hint"
              onInput={(e) => setFlag((e.currentTarget as HTMLTextAreaElement).value)}
            />
            <p id="flag-note-hint" class={flagError ? 'field-error' : 'hint'}>
              {flagError ?? t('popup_flagHint')}
            </p>
          </div>
          <div class="toolbar">
            <button type="submit">{t('popup_send')}</button>
            <button type="button" onClick={() => setFlagging(false)}>
              {t('popup_cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {review && signals.canRetire ? (
        <div class="toolbar">
          <button type="button" onClick={() => void signals.retire(!review.retired)}>
            {review.retired ? t('popup_restore') : t('popup_retire')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p class="meta" role="status">
          {notice}
        </p>
      ) : null}
    </section>
  );
}

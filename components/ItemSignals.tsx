import { useState } from 'preact/hooks';
import { markedBy, standing, stateLines } from '@/lib/community';
import { noteProblem } from '@/lib/wire';
import type { ItemSignals as Signals } from './hooks/useItemSignals';
import { StateLines } from './StateLines';

const capitalized = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;

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
    const problem = noteProblem('helped', true, note);
    if (problem) return setStoryError(capitalized(problem));
    setStoryError(null);
    // The story stays in its field until it is stored: nothing typed is lost on a refusal.
    if (await signals.mark('helped', true, note)) {
      setStory('');
      if (review?.due) setAskedAccurate(true);
    }
  };

  const sendFlag = async () => {
    const note = flag.trim() === '' ? undefined : flag.trim();
    const problem = noteProblem('needs_update', true, note);
    if (problem) return setFlagError(capitalized(problem));
    setFlagError(null);
    if (await signals.mark('needs_update', true, note)) {
      setFlag('');
      setFlagging(false);
    }
  };

  return (
    <section class="signals" aria-label="Signals">
      {review ? <StateLines lines={stateLines(review, marks, now)} /> : null}
      <div class="toolbar">
        <button type="button" aria-pressed={helpedByMe} onClick={() => void toggleHelped()}>
          Helped me
        </button>
        {shared ? (
          <button
            type="button"
            aria-pressed={!!mine('vouch')}
            onClick={() => void signals.mark('vouch', !mine('vouch'))}
          >
            I vouch for this
          </button>
        ) : null}
      </div>
      {shared && !helpedByMe ? (
        <div class="field">
          <label for="helped-story">How it helped (optional)</label>
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
            {storyError ?? 'One line, in your words, up to 280 characters; saved with Helped me.'}
          </p>
        </div>
      ) : null}
      {askedAccurate && review?.due ? (
        <p role="group" aria-label="Still accurate?">
          This tip is due for review. Still accurate?{' '}
          <button type="button" onClick={() => void signals.mark('verified', true)}>
            Yes, still accurate
          </button>
        </p>
      ) : null}
      {shared && helped.length > 0 ? (
        <>
          <p class="meta">
            Helped {helped.length} {helped.length === 1 ? 'member' : 'members'}
          </p>
          <ul class="stories" aria-label="Who it helped">
            {helped.map((m) => (
              <li key={m.memberId} dir="auto">
                {markedBy(m)}
                {m.note ? `: “${m.note}”` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {vouched.length > 0 ? (
        <p class="meta">Vouched for by {vouched.map(markedBy).join(', ')}</p>
      ) : null}
      {review && !review.retired ? (
        <div class="toolbar">
          <button type="button" onClick={() => void signals.mark('verified', true)}>
            Still accurate
          </button>
          <button type="button" aria-expanded={flagging} onClick={() => setFlagging(!flagging)}>
            Needs an update
          </button>
        </div>
      ) : null}
      {flagging ? (
        <form
          aria-label="Needs an update"
          onSubmit={(e) => {
            e.preventDefault();
            void sendFlag();
          }}
        >
          <div class="field">
            <label for="flag-note">What is out of date?</label>
            <textarea
              id="flag-note"
              rows={2}
              value={flag}
              aria-invalid={flagError ? true : undefined}
              aria-describedby="flag-note-hint"
              onInput={(e) => setFlag((e.currentTarget as HTMLTextAreaElement).value)}
            />
            <p id="flag-note-hint" class={flagError ? 'field-error' : 'hint'}>
              {flagError ?? 'Shown on the tip until someone edits it or says it is still accurate.'}
            </p>
          </div>
          <div class="toolbar">
            <button type="submit">Send</button>
            <button type="button" onClick={() => setFlagging(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {review && signals.canRetire ? (
        <div class="toolbar">
          <button type="button" onClick={() => void signals.retire(!review.retired)}>
            {review.retired ? 'Restore' : 'Retire'}
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

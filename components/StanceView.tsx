import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { POSITION_WORDS, subjectName } from '@/lib/community';
import type { RepertoireDb } from '@/lib/db';
import { formatDate } from '@/lib/ui';
import type { Mark, StanceItem } from '@/lib/wire';
import { useStance } from './hooks/useStance';
import type { Status } from './StatusMessage';

interface Props {
  db: RepertoireDb | undefined;
  stance: StanceItem;
  onBack: () => void;
  say: (status: Status) => void;
}

const who = (m: Mark) => (m.team ? `${m.name} (${m.team})` : m.name);

function Marks({ label, marks }: { label: string; marks: Mark[] }) {
  if (marks.length === 0) return null;
  return (
    <ul aria-label={label} class="marks">
      {marks.map((m) => (
        <li key={m.memberId}>
          <strong>{who(m)}</strong> <span class="meta">{formatDate(m.markedAt)}</span>
          {m.note ? <p dir="auto">{m.note}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * A stance on a tool: its position and reason, who agreed and who objected (with their teams),
 * whether it is the community's yet and what is missing, and the member's Agree / Object with an
 * optional reason. The proposer's and others' words are rendered as text.
 */
export function StanceView({ db, stance, onBack, say }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => heading.current?.focus(), [stance.id]);
  const { state, mark } = useStance(db, stance);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const act = async (kind: 'agree' | 'object', on: boolean) => {
    setBusy(true);
    const problem = await mark(kind, on, note.trim() || undefined);
    setBusy(false);
    // On a failure the reason stays in its field, as typed.
    if (problem) return say({ tone: 'error', text: `Not saved: ${problem}` });
    setNote('');
    say({
      tone: 'ok',
      text: on
        ? kind === 'agree'
          ? 'You agree with this stance.'
          : 'You object to this stance; your reason is shown with it.'
        : 'Taken back.',
    });
  };

  return (
    <article class="item stance" aria-labelledby="item-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          Back to results
        </button>
      </div>
      <h1 id="item-title" tabIndex={-1} ref={heading} dir="auto">
        {stance.title || `${POSITION_WORDS[stance.position]} ${subjectName(stance.subject)}`}
      </h1>
      <p class="meta">
        Stance on {subjectName(stance.subject)} · proposed by {stance.author ?? 'a member'} ·{' '}
        {formatDate(stance.createdAt)}
      </p>
      <p>
        <strong>{POSITION_WORDS[stance.position]}</strong>
      </p>
      <p dir="auto" class="reason">
        {stance.reason}
      </p>
      {state === null ? (
        <p class="empty">Loading…</p>
      ) : (
        <>
          <p class="agreement">{state.status}</p>
          <Marks label="Agreed" marks={state.agreeing} />
          <Marks label="Objected" marks={state.objecting} />
          <div class="field">
            <label for="stance-note">Your reason (optional)</label>
            <textarea
              id="stance-note"
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </div>
          <div class="toolbar">
            {state.mine === 'agree' ? (
              <button type="button" disabled={busy} onClick={() => void act('agree', false)}>
                Take back my agreement
              </button>
            ) : (
              <button
                type="button"
                class="primary"
                disabled={busy}
                onClick={() => void act('agree', true)}
              >
                Agree
              </button>
            )}
            {state.mine === 'object' ? (
              <button type="button" disabled={busy} onClick={() => void act('object', false)}>
                Take back my objection
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void act('object', true)}>
                Object
              </button>
            )}
          </div>
        </>
      )}
    </article>
  );
}

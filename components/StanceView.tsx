import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { positionWord, subjectName } from '@/lib/community';
import type { RepertoireDb } from '@/lib/db';
import { t } from '@/lib/i18n';
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

const who = (m: Mark) =>
  m.team ? t('library_memberOfTeam', { name: m.name, team: m.team }) : m.name;

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
    if (problem) return say({ tone: 'error', text: t('library_notSaved', { problem }) });
    setNote('');
    say({
      tone: 'ok',
      text: on
        ? kind === 'agree'
          ? t('library_youAgree')
          : t('library_youObject')
        : t('library_takenBack'),
    });
  };

  return (
    <article class="item stance" aria-labelledby="item-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          {t('library_backToResults')}
        </button>
      </div>
      <h1 id="item-title" tabIndex={-1} ref={heading} dir="auto">
        {stance.title ||
          t('library_stanceHeading', {
            position: positionWord(stance.position),
            tool: subjectName(stance.subject),
          })}
      </h1>
      <p class="meta">
        {t('library_stanceMeta', {
          tool: subjectName(stance.subject),
          author: stance.author ?? t('library_aMember'),
          date: formatDate(stance.createdAt),
        })}
      </p>
      <p>
        <strong>{positionWord(stance.position)}</strong>
      </p>
      <p dir="auto" class="reason">
        {stance.reason}
      </p>
      {state === null ? (
        <p class="empty">{t('library_loading')}</p>
      ) : (
        <>
          <p class="agreement">{state.status}</p>
          <Marks label={t('library_agreed')} marks={state.agreeing} />
          <Marks label={t('library_objected')} marks={state.objecting} />
          <div class="field">
            <label for="stance-note">{t('library_yourReason')}</label>
            <textarea
              id="stance-note"
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </div>
          <div class="toolbar">
            {state.mine === 'agree' ? (
              <button type="button" disabled={busy} onClick={() => void act('agree', false)}>
                {t('library_takeBackAgreement')}
              </button>
            ) : (
              <button
                type="button"
                class="primary"
                disabled={busy}
                onClick={() => void act('agree', true)}
              >
                {t('library_agree')}
              </button>
            )}
            {state.mine === 'object' ? (
              <button type="button" disabled={busy} onClick={() => void act('object', false)}>
                {t('library_takeBackObjection')}
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void act('object', true)}>
                {t('library_object')}
              </button>
            )}
          </div>
        </>
      )}
    </article>
  );
}

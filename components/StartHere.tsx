import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { moveStep } from '@/lib/community';
import { formatList, t, tn } from '@/lib/i18n';
import { LIMITS, type PathStep } from '@/lib/wire';
import type { RepertoireDb } from '@/lib/db';
import type { StartHere as Data } from './hooks/useStartHere';
import { useStepConflicts } from './hooks/useStepConflicts';
import type { Status } from './StatusMessage';

interface Props {
  db: RepertoireDb | undefined;
  startHere: Data;
  onOpen: (itemId: string) => void;
  onBack: () => void;
  say: (status: Status) => void;
}

/**
 * The community's Start here path: its steps in order, each with the curator's note and who
 * wrote it, and a "Done" box kept on this browser only. Curators reorder (Move up / Move down,
 * the focus staying on the step moved), edit a step's note and remove a step, with Undo.
 */
export function StartHere({ db, startHere, onOpen, onBack, say }: Props) {
  const { path, items, progress, curator } = startHere;
  const conflictsBy = useStepConflicts(db, path);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<{ itemId: string; note: string; error?: string } | null>(
    null,
  );
  /** The control to focus once the steps are written again: `${itemId} ${action}`. */
  const [focus, setFocus] = useState<string | null>(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (!focus) return;
    const target = list.current?.querySelector<HTMLElement>(`[data-focus="${focus}"]`);
    (target && !(target as HTMLButtonElement).disabled ? target : heading.current)?.focus();
  }, [focus, path]);

  const done = new Set(progress?.done ?? []);
  const steps = path?.steps ?? [];
  const titleOf = (step: PathStep) => items.get(step.itemId)?.title || t('community_stepGone');

  const write = async (next: PathStep[], then: string, focusOn: string | null) => {
    setBusy(true);
    const problem = await startHere.save(next);
    setBusy(false);
    if (problem) {
      say({ tone: 'error', text: t('community_stepsUnchanged', { problem }) });
      return false;
    }
    setFocus(focusOn);
    say({ tone: 'ok', text: then });
    return true;
  };

  const move = (index: number, by: -1 | 1) => {
    const step = steps[index]!;
    // The focus stays on the step moved: on the same button, or the other one at either end.
    const lands = index + by;
    const direction =
      (by < 0 && lands > 0) || (by > 0 && lands === steps.length - 1) ? 'up' : 'down';
    void write(
      moveStep(steps, index, by),
      t('community_stepMoved', { title: titleOf(step), step: index + 1 + by }),
      `${step.itemId} ${direction}`,
    );
  };

  const remove = (index: number) => {
    const step = steps[index]!;
    void write(
      steps.filter((_, i) => i !== index),
      t('community_stepRemoved', { title: titleOf(step) }),
      null,
    ).then((ok) => {
      if (!ok) return;
      const undo = () =>
        void write(
          [...steps.slice(0, index), step, ...steps.slice(index)],
          t('community_stepBack', { title: titleOf(step), step: index + 1 }),
          `${step.itemId} edit`,
        );
      say({
        tone: 'ok',
        text: t('community_stepRemoved', { title: titleOf(step) }),
        actions: (
          <button type="button" onClick={undo}>
            {t('community_undo')}
          </button>
        ),
      });
    });
  };

  const saveNote = async () => {
    if (!editing) return;
    const note = editing.note.trim();
    if (note.length > LIMITS.stepNoteChars) {
      setEditing({
        ...editing,
        error: tn('community_noteTooLong', note.length, { max: LIMITS.stepNoteChars }),
      });
      return;
    }
    const next = steps.map((s) => (s.itemId === editing.itemId ? { ...s, note } : s));
    // On a refusal the note stays in its field, as typed.
    if (await write(next, t('community_noteSaved'), `${editing.itemId} edit`)) setEditing(null);
  };

  return (
    <section class="start-here" aria-labelledby="start-here-title">
      <div class="toolbar">
        <button type="button" onClick={onBack}>
          {t('community_backToResults')}
        </button>
        {path && startHere.open ? (
          <button type="button" class="quiet" onClick={() => void startHere.dismiss().then(onBack)}>
            {t('community_hideStartHere')}
          </button>
        ) : null}
      </div>
      <h1 id="start-here-title" tabIndex={-1} ref={heading}>
        {t('community_startHere')}
      </h1>
      {path === undefined ? (
        <p class="empty">{t('community_loading')}</p>
      ) : path === null || steps.length === 0 ? (
        <p class="empty">{t(curator ? 'community_noPathCurator' : 'community_noPath')}</p>
      ) : (
        <>
          <p class="meta">{tn('community_stepsDone', steps.length, { done: done.size })}</p>
          {curator && conflictsBy.length > 0 ? (
            <div class="conflict" role="group" aria-label={t('community_stepsConflict')}>
              <p class="meta">
                {tn('community_stepsConflictBy', conflictsBy.length, {
                  names: formatList(conflictsBy),
                })}
              </p>
              <button type="button" onClick={() => onOpen(path.id)}>
                {t('community_compareVersions')}
              </button>
            </div>
          ) : null}
          <ol aria-label={t('community_stepsList')} class="steps" ref={list}>
            {steps.map((step, index) => {
              const item = items.get(step.itemId);
              const title = titleOf(step);
              return (
                <li key={step.itemId}>
                  <div class="step-head">
                    <input
                      type="checkbox"
                      id={`done-${step.itemId}`}
                      checked={done.has(step.itemId)}
                      onChange={(e) => void startHere.setDone(step.itemId, e.currentTarget.checked)}
                      aria-label={t('community_stepDone', { title })}
                    />
                    <button
                      type="button"
                      class="link"
                      disabled={!item}
                      onClick={() => onOpen(step.itemId)}
                    >
                      {index + 1}. {title}
                    </button>
                  </div>
                  {step.note ? <p dir="auto">{step.note}</p> : null}
                  {item?.author ? (
                    <p class="meta">{t('community_stepAuthor', { author: item.author })}</p>
                  ) : null}
                  {editing?.itemId === step.itemId ? (
                    <div class="field">
                      <label for="step-note">{t('community_stepNote', { step: index + 1 })}</label>
                      <input
                        id="step-note"
                        value={editing.note}
                        aria-invalid={editing.error ? true : undefined}
                        aria-describedby={editing.error ? 'step-note-error' : undefined}
                        onInput={(e) => setEditing({ ...editing, note: e.currentTarget.value })}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') void saveNote();
                          if (e.key === 'Escape') setEditing(null);
                        }}
                      />
                      {editing.error ? (
                        <small id="step-note-error" class="field-error">
                          {editing.error}
                        </small>
                      ) : null}
                      <div class="toolbar">
                        <button type="button" disabled={busy} onClick={() => void saveNote()}>
                          {t('community_saveNote')}
                        </button>
                        <button type="button" onClick={() => setEditing(null)}>
                          {t('community_cancel')}
                        </button>
                      </div>
                    </div>
                  ) : null}
                  {curator && editing?.itemId !== step.itemId ? (
                    <div class="toolbar">
                      <button
                        type="button"
                        data-focus={`${step.itemId} up`}
                        aria-label={t('community_moveUpNamed', { title })}
                        disabled={busy || index === 0}
                        onClick={() => move(index, -1)}
                      >
                        {t('community_moveUp')}
                      </button>
                      <button
                        type="button"
                        data-focus={`${step.itemId} down`}
                        aria-label={t('community_moveDownNamed', { title })}
                        disabled={busy || index === steps.length - 1}
                        onClick={() => move(index, 1)}
                      >
                        {t('community_moveDown')}
                      </button>
                      <button
                        type="button"
                        data-focus={`${step.itemId} edit`}
                        aria-label={t('community_editNoteNamed', { title })}
                        onClick={() => setEditing({ itemId: step.itemId, note: step.note })}
                      >
                        {t('community_editNote')}
                      </button>
                      <button
                        type="button"
                        class="danger"
                        aria-label={t('community_removeNamed', { title })}
                        disabled={busy}
                        onClick={() => remove(index)}
                      >
                        {t('community_remove')}
                      </button>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

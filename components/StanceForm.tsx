import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { POSITION_WORDS, positionWord } from '@/lib/community';
import { t, type MessageKey } from '@/lib/i18n';
import type { StanceDraft } from '@/lib/messaging';
import type { StancePosition } from '@/lib/wire';
import { FormField, formKeys } from './FormField';

interface Props {
  saving: boolean;
  errors: Partial<Record<keyof StanceDraft, string>>;
  onSave: (draft: StanceDraft) => void;
  onCancel: () => void;
}

const POSITION_HINTS: Record<StancePosition, MessageKey> = {
  adopt: 'library_hintAdopt',
  trial: 'library_hintTrial',
  hold: 'library_hintHold',
  retire: 'library_hintRetire',
};

/** Proposing a stance on a tool: the tool, the position, and why. Members then agree or object. */
export function StanceForm({ saving, errors, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState<StanceDraft>({ subject: '', position: '', reason: '' });
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);
  const set = (field: keyof StanceDraft) => (value: string) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const save = () => onSave(draft);

  return (
    <form
      class="tip-form stance-form"
      aria-label={t('library_proposeAStance')}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={formKeys(save, onCancel)}
    >
      <h1>{t('library_proposeAStance')}</h1>
      <FormField
        id="stance-subject"
        name="subject"
        label={t('library_tool')}
        value={draft.subject}
        onValue={set('subject')}
        hint={t('library_toolHint')}
        error={errors.subject}
      >
        {(control) => <input {...control} ref={first} />}
      </FormField>
      <fieldset
        class="field"
        aria-invalid={errors.position ? true : undefined}
        aria-describedby={errors.position ? 'stance-position-error' : undefined}
      >
        <legend>{t('library_position')}</legend>
        {(Object.keys(POSITION_WORDS) as StancePosition[]).map((p) => (
          <label key={p} class="choice">
            <input
              type="radio"
              name="position"
              value={p}
              checked={draft.position === p}
              onChange={() => set('position')(p)}
            />
            {positionWord(p)} <span class="meta">— {t(POSITION_HINTS[p])}</span>
          </label>
        ))}
        {errors.position ? (
          <small id="stance-position-error" class="field-error">
            {errors.position}
          </small>
        ) : null}
      </fieldset>
      <FormField
        id="stance-reason"
        name="reason"
        label={t('library_reason')}
        value={draft.reason}
        onValue={set('reason')}
        hint={t('library_reasonHint')}
        error={errors.reason}
      >
        {(control) => <textarea {...control} rows={4} />}
      </FormField>
      <div class="toolbar">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('library_proposing') : t('library_proposeStance')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('library_cancel')}
        </button>
      </div>
    </form>
  );
}

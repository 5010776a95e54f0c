import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { POSITION_WORDS } from '@/lib/community';
import type { StanceDraft } from '@/lib/messaging';
import type { StancePosition } from '@/lib/wire';
import { FormField, formKeys } from './FormField';

interface Props {
  saving: boolean;
  errors: Partial<Record<keyof StanceDraft, string>>;
  onSave: (draft: StanceDraft) => void;
  onCancel: () => void;
}

const POSITION_HINTS: Record<StancePosition, string> = {
  adopt: 'use it: it is the way here',
  trial: 'try it on real work, and tell',
  hold: 'do not start new work with it',
  retire: 'move away from it',
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
      aria-label="Propose a stance"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={formKeys(save, onCancel)}
    >
      <h1>Propose a stance</h1>
      <FormField
        id="stance-subject"
        name="subject"
        label="Tool"
        value={draft.subject}
        onValue={set('subject')}
        hint="tool: with a catalog tool (tool:github, tool:jira), or its address (grafana.example.com/*)."
        error={errors.subject}
      >
        {(control) => <input {...control} ref={first} />}
      </FormField>
      <fieldset
        class="field"
        aria-invalid={errors.position ? true : undefined}
        aria-describedby={errors.position ? 'stance-position-error' : undefined}
      >
        <legend>Position</legend>
        {(Object.keys(POSITION_WORDS) as StancePosition[]).map((p) => (
          <label key={p} class="choice">
            <input
              type="radio"
              name="position"
              value={p}
              checked={draft.position === p}
              onChange={() => set('position')(p)}
            />
            {POSITION_WORDS[p]} <span class="meta">— {POSITION_HINTS[p]}</span>
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
        label="Reason"
        value={draft.reason}
        onValue={set('reason')}
        hint="Why: members agree or object to what you write here."
        error={errors.reason}
      >
        {(control) => <textarea {...control} rows={4} />}
      </FormField>
      <div class="toolbar">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? 'Proposing…' : 'Propose stance'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

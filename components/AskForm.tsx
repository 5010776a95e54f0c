import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { QuestionDraft } from '@/lib/messaging';
import type { AboutChoice } from '@/lib/ui';
import { FormField, formKeys } from './FormField';

interface Props {
  initial: QuestionDraft;
  choices: readonly AboutChoice[];
  /** Whether the popup's community is a shared one: Personal has nobody to answer. */
  shared: boolean;
  saving: boolean;
  errors: Partial<Record<keyof QuestionDraft, string>>;
  onChange: (draft: QuestionDraft) => void;
  onSave: (draft: QuestionDraft) => void;
  onCancel: () => void;
}

/** Ask the community: the question, its details, and what it is about, as the asker chooses. */
export function AskForm({
  initial,
  choices,
  shared,
  saving,
  errors,
  onChange,
  onSave,
  onCancel,
}: Props) {
  const [draft, setDraft] = useState(initial);
  const first = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);
  const update = (name: keyof QuestionDraft, value: string) => {
    const next = { ...draft, [name]: value };
    setDraft(next);
    onChange(next);
  };
  // A draft about something no longer offered (another tab) keeps its own choice.
  const offered = choices.some((c) => c.value === draft.appliesTo)
    ? choices
    : [...choices, { value: draft.appliesTo, label: draft.appliesTo }];
  return (
    <form
      class="tip-form"
      aria-label="Ask the community"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
      onKeyDown={formKeys(() => onSave(draft), onCancel)}
    >
      {shared ? null : (
        <p class="hint" role="note">
          Questions go to a community: nobody in Personal can answer them. Pick your community
          above, or join one in Settings with an invite link from a steward. Your question is kept
          here meanwhile.
        </p>
      )}
      <FormField
        id="ask-title"
        name="title"
        label="Your question"
        value={draft.title}
        onValue={(v) => update('title', v)}
        error={errors.title}
      >
        {(control) => <input {...control} type="text" ref={first} />}
      </FormField>
      <FormField
        id="ask-details"
        name="details"
        label="Details"
        value={draft.details}
        onValue={(v) => update('details', v)}
        hint="What you tried, what you expected. Optional."
        error={errors.details}
      >
        {(control) => <textarea {...control} rows={4} />}
      </FormField>
      <FormField
        id="ask-about"
        name="appliesTo"
        label="Applies to"
        value={draft.appliesTo}
        onValue={(v) => update('appliesTo', v)}
        hint="Where members see it in the page panel. Only what you pick here is shared."
        error={errors.appliesTo}
      >
        {({ onInput, ...control }) => (
          <select {...control} onChange={onInput}>
            {offered.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <div class="toolbar">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? 'Asking…' : 'Ask'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
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
      aria-label={t('popup_askTheCommunity')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
      onKeyDown={formKeys(() => onSave(draft), onCancel)}
    >
      {shared ? null : (
        <p class="hint" role="note">
          {t('popup_askPersonalNote')}
        </p>
      )}
      <FormField
        id="ask-title"
        name="title"
        label={t('popup_fieldYourQuestion')}
        value={draft.title}
        onValue={(v) => update('title', v)}
        error={errors.title}
      >
        {(control) => <input {...control} type="text" ref={first} />}
      </FormField>
      <FormField
        id="ask-details"
        name="details"
        label={t('popup_fieldDetails')}
        value={draft.details}
        onValue={(v) => update('details', v)}
        hint={t('popup_fieldDetailsHint')}
        error={errors.details}
      >
        {(control) => <textarea {...control} rows={4} />}
      </FormField>
      <FormField
        id="ask-about"
        name="appliesTo"
        label={t('popup_fieldAppliesTo')}
        value={draft.appliesTo}
        onValue={(v) => update('appliesTo', v)}
        hint={t('popup_fieldAskAppliesToHint')}
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
          {saving ? t('popup_asking') : t('popup_ask')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('popup_cancel')}
        </button>
      </div>
    </form>
  );
}

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { TipDraft } from '@/lib/messaging';
import { FormField, formKeys } from './FormField';
import { renderTip, SafeContent } from './SafeContent';

type Errors = Partial<Record<keyof TipDraft, string>>;

interface Props {
  /** The form's accessible name and its submit button's text. */
  label?: string;
  submitLabel?: string;
  initial: TipDraft;
  saving: boolean;
  errors: Errors;
  onChange: (draft: TipDraft) => void;
  onSave: (draft: TipDraft) => void;
  onCancel: () => void;
  /** The title of the question this tip answers ("Answer with a tip"). */
  answering?: string;
}

type TextField = Exclude<keyof TipDraft, 'answers'>;

const fields = (): { name: TextField; label: string; multiline: boolean; hint?: string }[] => [
  { name: 'title', label: t('popup_fieldTitle'), multiline: false },
  { name: 'body', label: t('popup_fieldTip'), multiline: true, hint: t('popup_fieldTipHint') },
  { name: 'tags', label: t('popup_fieldTags'), multiline: false, hint: t('popup_fieldTagsHint') },
  {
    name: 'appliesTo',
    label: t('popup_fieldAppliesTo'),
    multiline: true,
    hint: t('popup_fieldAppliesToHint'),
  },
  {
    name: 'reviewEvery',
    label: t('popup_fieldReviewEvery'),
    multiline: false,
    hint: t('popup_fieldReviewEveryHint'),
  },
];

/** The tip form. Every change is reported up so an unfinished draft survives the popup closing. */
export function TipForm({
  label = t('popup_newTip'),
  submitLabel = t('popup_saveTip'),
  initial,
  saving,
  errors,
  onChange,
  onSave,
  onCancel,
  answering,
}: Props) {
  const [draft, setDraft] = useState(initial);
  const [preview, setPreview] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const showPreview = (on: boolean) => {
    setPreview(on);
    // Back to writing goes on where the member was typing.
    if (!on) requestAnimationFrame(() => body.current?.focus());
  };
  // Before the first paint: focus moved later would pull keystrokes already typed elsewhere.
  useLayoutEffect(() => first.current?.focus(), []);

  const update = (name: TextField, value: string) => {
    const next = { ...draft, [name]: value };
    setDraft(next);
    onChange(next);
  };

  return (
    <form
      class="tip-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
      onKeyDown={formKeys(() => onSave(draft), onCancel)}
    >
      {answering ? (
        <p class="meta" dir="auto">
          {t('popup_answersQuestion', { title: answering })}
        </p>
      ) : null}
      {fields().map(({ name, label, multiline, hint }) => (
        <FormField
          key={name}
          id={`tip-${name}`}
          name={name}
          label={label}
          value={draft[name] ?? ''}
          onValue={(value) => update(name, value)}
          hint={hint}
          error={errors[name]}
        >
          {(control) =>
            name === 'body' ? (
              <>
                <WritePreview preview={preview} onChange={showPreview} />
                <textarea {...control} rows={5} ref={body} hidden={preview} />
                {preview ? (
                  draft.body.trim() ? (
                    <SafeContent
                      class="markdown preview"
                      label={t('popup_preview')}
                      source={draft.body}
                      build={renderTip}
                    />
                  ) : (
                    <p class="preview hint" role="region" aria-label={t('popup_preview')}>
                      {t('popup_nothingToPreview')}
                    </p>
                  )
                ) : null}
              </>
            ) : multiline ? (
              <textarea {...control} rows={2} />
            ) : (
              <input {...control} type="text" ref={name === 'title' ? first : undefined} />
            )
          }
        </FormField>
      ))}
      <div class="toolbar">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('popup_saving') : submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('popup_cancel')}
        </button>
      </div>
    </form>
  );
}

/** Two pressed-state buttons rather than tabs: each is one Tab stop and Enter or Space picks it. */
function WritePreview({
  preview,
  onChange,
}: {
  preview: boolean;
  onChange: (preview: boolean) => void;
}) {
  return (
    <div class="toolbar write-preview" role="group" aria-label={t('popup_tipEditor')}>
      <button type="button" aria-pressed={!preview} onClick={() => onChange(false)}>
        {t('popup_write')}
      </button>
      <button type="button" aria-pressed={preview} onClick={() => onChange(true)}>
        {t('popup_preview')}
      </button>
    </div>
  );
}

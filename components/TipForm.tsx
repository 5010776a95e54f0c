import { useLayoutEffect, useRef, useState } from 'preact/hooks';
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

const FIELDS: { name: TextField; label: string; multiline: boolean; hint?: string }[] = [
  { name: 'title', label: 'Title', multiline: false },
  { name: 'body', label: 'Tip', multiline: true, hint: 'What to do, and when. Markdown is fine.' },
  { name: 'tags', label: 'Tags', multiline: false, hint: 'Separated by spaces or commas.' },
  {
    name: 'appliesTo',
    label: 'Applies to',
    multiline: true,
    hint: 'One URL pattern or host per line, e.g. github.com/our-org/*',
  },
  {
    name: 'reviewEvery',
    label: 'Review every N days',
    multiline: false,
    hint: 'Optional. Empty: the community’s review interval.',
  },
];

/** The tip form. Every change is reported up so an unfinished draft survives the popup closing. */
export function TipForm({
  label = 'New tip',
  submitLabel = 'Save tip',
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
          Answers the question “{answering}”
        </p>
      ) : null}
      {FIELDS.map(({ name, label, multiline, hint }) => (
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
                      label="Preview"
                      source={draft.body}
                      build={renderTip}
                    />
                  ) : (
                    <p class="preview hint" role="region" aria-label="Preview">
                      Nothing to preview yet: write the tip first.
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
          {saving ? 'Saving…' : submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
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
    <div class="toolbar write-preview" role="group" aria-label="Tip editor">
      <button type="button" aria-pressed={!preview} onClick={() => onChange(false)}>
        Write
      </button>
      <button type="button" aria-pressed={preview} onClick={() => onChange(true)}>
        Preview
      </button>
    </div>
  );
}

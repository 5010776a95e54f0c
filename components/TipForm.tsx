import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TipDraft } from '@/lib/messaging';

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
}

const FIELDS: { name: keyof TipDraft; label: string; multiline: boolean; hint?: string }[] = [
  { name: 'title', label: 'Title', multiline: false },
  { name: 'body', label: 'Tip', multiline: true, hint: 'What to do, and when. Markdown is fine.' },
  { name: 'tags', label: 'Tags', multiline: false, hint: 'Separated by spaces or commas.' },
  {
    name: 'appliesTo',
    label: 'Applies to',
    multiline: true,
    hint: 'One URL pattern or host per line, e.g. github.com/our-org/*',
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
}: Props) {
  const [draft, setDraft] = useState(initial);
  const first = useRef<HTMLInputElement>(null);
  // Before the first paint: focus moved later would pull keystrokes already typed elsewhere.
  useLayoutEffect(() => first.current?.focus(), []);

  const update = (name: keyof TipDraft, value: string) => {
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
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onSave(draft);
        }
      }}
    >
      {FIELDS.map(({ name, label, multiline, hint }) => {
        const id = `tip-${name}`;
        const error = errors[name];
        const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
          .filter(Boolean)
          .join(' ');
        const common = {
          id,
          name,
          value: draft[name],
          'aria-invalid': error ? true : undefined,
          'aria-describedby': described || undefined,
          onInput: (e: Event) => update(name, (e.currentTarget as HTMLInputElement).value),
        };
        return (
          <div class="field" key={name}>
            <label for={id}>{label}</label>
            {multiline ? (
              <textarea {...common} rows={name === 'body' ? 5 : 2} />
            ) : (
              <input {...common} type="text" ref={name === 'title' ? first : undefined} />
            )}
            {hint ? (
              <small id={`${id}-hint`} class="hint">
                {hint}
              </small>
            ) : null}
            {error ? (
              <small id={`${id}-error`} class="field-error">
                {error}
              </small>
            ) : null}
          </div>
        );
      })}
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

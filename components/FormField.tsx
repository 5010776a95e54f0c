import type { ComponentChildren } from 'preact';

/** What a field's control needs: its id, value, error state and description, and its input. */
export interface ControlProps {
  id: string;
  name: string;
  value: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  onInput: (e: Event) => void;
}

interface Props {
  id: string;
  name: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  error?: string;
  /** The control itself (input or textarea), given the props that tie it to its label and hint. */
  children: (control: ControlProps) => ComponentChildren;
}

/** One labelled field of a form, with its hint and its error, both read out with the control. */
export function FormField({ id, name, label, value, onValue, hint, error, children }: Props) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({
        id,
        name,
        value,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described || undefined,
        onInput: (e) => onValue((e.currentTarget as HTMLInputElement).value),
      })}
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
}

/** The forms' keys: Escape cancels, Ctrl+Enter (⌘+Enter) saves from any field. */
export const formKeys = (save: () => void, cancel: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Escape') {
    e.preventDefault();
    cancel();
  } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    save();
  }
};

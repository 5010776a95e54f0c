import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { ItemDraft } from '@/lib/messaging';
import { FormField, formKeys } from './FormField';

type Field = keyof ItemDraft;

interface Props {
  /** What is edited, for the form's name: "page" or "snippet". */
  what: string;
  /** The shared community's name; null in a local one, which has a single note. */
  sharedWith: string | null;
  initial: ItemDraft;
  saving: boolean;
  errors: Partial<Record<Field, string>>;
  onSave: (draft: ItemDraft) => void;
  onCancel: () => void;
}

interface FieldSpec {
  name: Field;
  label: string;
  hint?: string;
  multiline: boolean;
}

/** The fields shown: a shared community's item has a shared note and a private one. */
function fields(sharedWith: string | null): FieldSpec[] {
  const common: FieldSpec[] = [
    { name: 'title', label: t('popup_fieldTitle'), multiline: false },
    {
      name: 'tags',
      label: t('popup_fieldTags'),
      hint: t('popup_fieldTagsHint'),
      multiline: false,
    },
  ];
  if (sharedWith === null)
    return [
      ...common,
      {
        name: 'note',
        label: t('popup_fieldNote'),
        hint: t('popup_fieldNoteHint'),
        multiline: true,
      },
    ];
  return [
    ...common,
    {
      name: 'note',
      label: t('popup_fieldSharedNote', { community: sharedWith }),
      hint: t('popup_fieldSharedNoteHint', { community: sharedWith }),
      multiline: true,
    },
    {
      name: 'privateNote',
      label: t('popup_fieldPrivateNote'),
      hint: t('popup_fieldPrivateNoteHint'),
      multiline: true,
    },
  ];
}

/** Editing a page or a snippet: title, tags and notes. Escape cancels, Ctrl+Enter saves. */
export function ItemForm({ what, sharedWith, initial, saving, errors, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState(initial);
  const formName = what === 'snippet' ? t('popup_editSnippet') : t('popup_editPage');
  const first = useRef<HTMLInputElement>(null);
  // Before the first paint: focus moved later would pull keystrokes already typed elsewhere.
  useLayoutEffect(() => first.current?.focus(), []);
  return (
    <form
      class="tip-form item-form"
      aria-label={formName}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
      onKeyDown={formKeys(() => onSave(draft), onCancel)}
    >
      <h1>{formName}</h1>
      {fields(sharedWith).map(({ name, label, hint, multiline }) => (
        <FormField
          key={name}
          id={`item-${name}`}
          name={name}
          label={label}
          value={draft[name]}
          onValue={(value) => setDraft((current) => ({ ...current, [name]: value }))}
          hint={hint}
          error={errors[name]}
        >
          {(control) =>
            multiline ? (
              <textarea {...control} rows={3} />
            ) : (
              <input {...control} type="text" ref={name === 'title' ? first : undefined} />
            )
          }
        </FormField>
      ))}
      <div class="toolbar">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('popup_saving') : t('popup_saveChanges')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('popup_cancel')}
        </button>
      </div>
    </form>
  );
}

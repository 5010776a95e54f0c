import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LinkDraft, LinkField } from '@/lib/messaging';
import { FormField, formKeys } from './FormField';

interface Props {
  /** The page as the capture found it: its title, address and own description. */
  initial: LinkDraft;
  saving: boolean;
  errors: Partial<Record<LinkField, string>>;
  onSave: (draft: LinkDraft) => void;
  onCancel: () => void;
}

/**
 * "Save as a link", for a page Repertoire found no article on: its title, description and tags,
 * editable before it is kept; the address is shown as it will be kept.
 */
export function LinkForm({ initial, saving, errors, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState(initial);
  const title = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => title.current?.focus(), []);
  const set = (name: LinkField) => (value: string) => setDraft({ ...draft, [name]: value });
  return (
    <form
      class="tip-form"
      aria-label="Save as a link"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
      onKeyDown={formKeys(() => onSave(draft), onCancel)}
    >
      <p class="meta" dir="auto">
        Link to <span class="link-url">{draft.url}</span>
      </p>
      <FormField
        id="link-title"
        name="title"
        label="Title"
        value={draft.title}
        onValue={set('title')}
        error={errors.title}
      >
        {(control) => <input {...control} type="text" ref={title} />}
      </FormField>
      <FormField
        id="link-excerpt"
        name="excerpt"
        label="Description"
        value={draft.excerpt ?? ''}
        onValue={set('excerpt')}
        hint="What the page is for, in a line or two; search finds it."
        error={errors.excerpt}
      >
        {(control) => <textarea {...control} rows={3} />}
      </FormField>
      <FormField
        id="link-tags"
        name="tags"
        label="Tags"
        value={draft.tags}
        onValue={set('tags')}
        hint="Separated by spaces or commas."
        error={errors.tags}
      >
        {(control) => <input {...control} type="text" />}
      </FormField>
      <div class="toolbar">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save link'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

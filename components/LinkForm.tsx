import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { LinkDraft, LinkField } from '@/lib/messaging';
import { FormField, formKeys } from './FormField';
import { Rich } from './Rich';

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
      aria-label={t('popup_saveAsLink')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
      onKeyDown={formKeys(() => onSave(draft), onCancel)}
    >
      <p class="meta" dir="auto">
        <Rich
          text={t('popup_linkTo', { url: draft.url })}
          parts={{ url: (url) => <span class="link-url">{url}</span> }}
        />
      </p>
      <FormField
        id="link-title"
        name="title"
        label={t('popup_fieldTitle')}
        value={draft.title}
        onValue={set('title')}
        error={errors.title}
      >
        {(control) => <input {...control} type="text" ref={title} />}
      </FormField>
      <FormField
        id="link-excerpt"
        name="excerpt"
        label={t('popup_fieldDescription')}
        value={draft.excerpt ?? ''}
        onValue={set('excerpt')}
        hint={t('popup_fieldDescriptionHint')}
        error={errors.excerpt}
      >
        {(control) => <textarea {...control} rows={3} />}
      </FormField>
      <FormField
        id="link-tags"
        name="tags"
        label={t('popup_fieldTags')}
        value={draft.tags}
        onValue={set('tags')}
        hint={t('popup_fieldTagsHint')}
        error={errors.tags}
      >
        {(control) => <input {...control} type="text" />}
      </FormField>
      <div class="toolbar">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('popup_saving') : t('popup_saveLink')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('popup_cancel')}
        </button>
      </div>
    </form>
  );
}
